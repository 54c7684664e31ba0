package io.shopanalytics.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageResourcesTest {
  @Test
  void anInlinedScriptCannotCloseItsElement() {
    assertThat(PageResources.inlineScript("var s = '</script><b>'; var t = '</SCRIPT>';"))
        .isEqualTo("var s = '<\\/script><b>'; var t = '<\\/SCRIPT>';");
  }

  @Test
  void eChartsComesFromItsWebJar() {
    assertThat(PageResources.echarts()).hasSizeGreaterThan(500_000).contains("echarts").doesNotContainIgnoringCase("</script");
  }
}
