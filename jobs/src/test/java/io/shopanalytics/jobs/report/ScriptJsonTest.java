package io.shopanalytics.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptJsonTest {
  @Test
  void nothingInAStringCanEndTheScriptElementAndTheValueSurvives() throws Exception {
    String hostile = ReportBrowserIT.HOSTILE + " & <!-- \u2028\u2029 café";
    String json = ScriptJson.of(Map.of("name", hostile));
    assertThat(json).doesNotContain("<", ">", "&", "\u2028", "\u2029", "é")
        .contains("\\u003c/script\\u003e");
    assertThat(new ObjectMapper().readValue(json, Map.class)).isEqualTo(Map.of("name", hostile));
  }
}
