package io.shopanalytics.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ReadPreference;
import com.mongodb.Tag;
import com.mongodb.TagSet;
import com.mongodb.WriteConcern;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MongoSettingsTest {
  @Test
  void readPreferenceGoesInsideTheReadUriAndReplacesTheUrisOwn() {
    MongoSettings settings = MongoSettings.fromConf(Map.of(
            SettingKeys.READ_PREFERENCE, "secondaryPreferred",
            SettingKeys.READ_PREFERENCE_TAGS, "region:eu,dc:1;region:us",
            SettingKeys.READ_MAX_STALENESS_SECONDS, "120"))
        .uri("mongodb://h1:27017,h2:27017/?readPreference=primary&retryWrites=true")
        .build();
    assertThat(settings.readUri()).isEqualTo("mongodb://h1:27017,h2:27017/?retryWrites=true"
        + "&readPreference=secondaryPreferred&readPreferenceTags=region:eu,dc:1&readPreferenceTags=region:us"
        + "&maxStalenessSeconds=120");
    assertThat(settings.readPreferenceObject()).isEqualTo(ReadPreference.secondaryPreferred(
        List.of(new TagSet(List.of(new Tag("region", "eu"), new Tag("dc", "1"))), new TagSet(new Tag("region", "us"))),
        120, TimeUnit.SECONDS));
    assertThat(settings.writeUri()).isEqualTo("mongodb://h1:27017,h2:27017/?retryWrites=true");
    assertThat(settings.describeReadPreference()).isEqualTo("secondaryPreferred [region:eu,dc:1, region:us] maxStaleness=120s");
  }

  @Test
  void defaultsAreSecondaryAndMajority() {
    MongoSettings settings = MongoSettings.fromConf(Map.of()).uri("mongodb://127.0.0.1:27017").build();
    assertThat(settings.readUri()).isEqualTo("mongodb://127.0.0.1:27017/?readPreference=secondary");
    assertThat(settings.writeConcernObject()).isEqualTo(WriteConcern.MAJORITY.withWTimeout(60_000, TimeUnit.MILLISECONDS));
    assertThat(settings.describeWriteConcern()).isEqualTo("majority wtimeout=60000ms");
    assertThat(settings.database()).isEqualTo("shop");
  }

  @Test
  void majorityWritesWaitAtMostTheConfiguredTimeoutAndZeroMeansForever() {
    MongoSettings bounded = MongoSettings.fromConf(Map.of(SettingKeys.WRITE_WTIMEOUT_MS, "2500"))
        .uri("mongodb://h1").build();
    assertThat(bounded.writeConcernObject().getWTimeout(TimeUnit.MILLISECONDS)).isEqualTo(2500);
    assertThat(bounded.writeConcernObject().getWString()).isEqualTo("majority");

    MongoSettings numbered = MongoSettings.fromConf(Map.of(SettingKeys.WRITE_CONCERN, "2",
        SettingKeys.WRITE_WTIMEOUT_MS, "100")).uri("mongodb://h1").build();
    assertThat(numbered.writeConcernObject()).isEqualTo(new WriteConcern(2).withWTimeout(100, TimeUnit.MILLISECONDS));

    MongoSettings unbounded = MongoSettings.fromConf(Map.of(SettingKeys.WRITE_WTIMEOUT_MS, "0"))
        .uri("mongodb://h1").build();
    assertThat(unbounded.writeConcernObject()).isEqualTo(WriteConcern.MAJORITY);
    assertThat(unbounded.writeConcernObject().getWTimeout(TimeUnit.MILLISECONDS)).isNull();

    assertThatThrownBy(() -> MongoSettings.fromConf(Map.of(SettingKeys.WRITE_WTIMEOUT_MS, "-1")).uri("mongodb://h1").build())
        .hasMessage("Invalid value for spark.shopanalytics.write.wtimeoutMs: -1 (must be >= 0)");
  }

  @Test
  void errorsNameTheKeyAndTheValue() {
    assertThatThrownBy(() -> MongoSettings.fromConf(Map.of(SettingKeys.WRITE_BATCH_SIZE, "lots")))
        .hasMessage("Invalid value for spark.shopanalytics.write.batchSize: 'lots' is not a whole number");
    assertThatThrownBy(() -> MongoSettings.fromConf(Map.of(SettingKeys.READ_PREFERENCE, "fastest"))
            .uri("mongodb://h1").build())
        .hasMessageContaining("spark.shopanalytics.read.preference='fastest'");
    assertThatThrownBy(() -> MongoSettings.builder().uri("mongodb://u:hunter2@h1:notaport").build())
        .hasMessageContaining("mongodb://u:****@h1:notaport")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void toStringNeverShowsThePassword() {
    MongoSettings settings = MongoSettings.builder().uri("mongodb://analytics:hunter2@h1:27017/?authSource=admin").build();
    assertThat(settings.toString()).contains("analytics:****@h1").doesNotContain("hunter2");
  }

  @Test
  void maxStalenessBelowMongoDbsMinimumIsAnInvalidOption() {
    assertThatThrownBy(() -> MongoSettings.fromConf(Map.of(SettingKeys.READ_MAX_STALENESS_SECONDS, "60"))
            .uri("mongodb://h1").build())
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid value for " + SettingKeys.READ_MAX_STALENESS_SECONDS + ": 60 (must be -1 for no limit, "
            + "or at least 90 seconds, MongoDB's minimum)");
    assertThatThrownBy(() -> MongoSettings.fromConf(Map.of(SettingKeys.READ_MAX_STALENESS_SECONDS, "0"))
        .uri("mongodb://h1").build()).isInstanceOf(ConfigException.class);
    assertThat(MongoSettings.fromConf(Map.of(SettingKeys.READ_MAX_STALENESS_SECONDS, "90")).uri("mongodb://h1").build()
        .readPreferenceObject()).isEqualTo(ReadPreference.secondary(90, TimeUnit.SECONDS));
    assertThat(MongoSettings.fromConf(Map.of(SettingKeys.READ_MAX_STALENESS_SECONDS, "-1")).uri("mongodb://h1").build()
        .readUri()).isEqualTo("mongodb://h1/?readPreference=secondary&maxStalenessSeconds=-1");
  }

  @Test
  void theEmptyTagSetIsWrittenAfterASemicolonOrAsBracesAndReachesTheUri() {
    for (String written : List.of("region:eu;", "region:eu; {}", "region:eu;{};region:us")) {
      MongoSettings settings = MongoSettings.fromConf(Map.of(SettingKeys.READ_PREFERENCE_TAGS, written))
          .uri("mongodb://h1").build();
      assertThat(settings.readUri()).as(written)
          .isEqualTo("mongodb://h1/?readPreference=secondary&readPreferenceTags=region:eu&readPreferenceTags=");
      assertThat(settings.readPreferenceObject()).as(written).isEqualTo(ReadPreference.secondary(
          List.of(new TagSet(new Tag("region", "eu")), new TagSet())));
      assertThat(settings.describeReadPreference()).isEqualTo("secondary [region:eu, {}]");
    }
  }

  @Test
  void tagKeysAndValuesAreUrlEncoded() {
    MongoSettings settings = MongoSettings.fromConf(Map.of(SettingKeys.READ_PREFERENCE_TAGS, "dc:eu west&1,rack:a/b"))
        .uri("mongodb://h1").build();
    assertThat(settings.readUri())
        .isEqualTo("mongodb://h1/?readPreference=secondary&readPreferenceTags=dc:eu%20west%261,rack:a%2Fb");
    assertThat(settings.readPreferenceObject()).isEqualTo(ReadPreference.secondary(
        new TagSet(List.of(new Tag("dc", "eu west&1"), new Tag("rack", "a/b")))));
  }

  @Test
  void theUrisOwnMaxPoolSizeIsKeptUnlessASettingReplacesIt() {
    String uri = "mongodb://h1/?maxPoolSize=7&readPreference=primary";
    MongoSettings own = MongoSettings.builder().uri(uri).build();
    assertThat(own.readUri()).isEqualTo("mongodb://h1/?maxPoolSize=7&readPreference=secondary");
    assertThat(own.writeUri()).isEqualTo("mongodb://h1/?maxPoolSize=7");
    MongoSettings replaced = MongoSettings.fromConf(Map.of(SettingKeys.CONNECTION_MAX_POOL_SIZE, "20")).uri(uri).build();
    assertThat(replaced.readUri()).isEqualTo("mongodb://h1/?maxPoolSize=20&readPreference=secondary");
    assertThat(replaced.writeUri()).isEqualTo("mongodb://h1/?maxPoolSize=20");
  }
}
