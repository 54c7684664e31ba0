package io.shopanalytics.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {
  @Test
  void masksPasswordsInConnectionStringsAnywhereInText() {
    assertThat(Secrets.mask("failed on mongodb://analytics:hunter2@h1:27017,h2/?authSource=admin today"))
        .isEqualTo("failed on mongodb://analytics:****@h1:27017,h2/?authSource=admin today");
    assertThat(Secrets.mask("mongodb+srv://u:p%40ss@cluster0.example.net/db"))
        .isEqualTo("mongodb+srv://u:****@cluster0.example.net/db");
    assertThat(Secrets.mask("mongodb://h1/?tlsCertificateKeyFilePassword=s3cret&ssl=true"))
        .isEqualTo("mongodb://h1/?tlsCertificateKeyFilePassword=****&ssl=true");
  }

  @Test
  void leavesUrisWithoutPasswordsAlone() {
    assertThat(Secrets.mask("mongodb://127.0.0.1:27017")).isEqualTo("mongodb://127.0.0.1:27017");
    assertThat(Secrets.mask("mongodb://user@h1:27017/?authMechanism=MONGODB-X509"))
        .isEqualTo("mongodb://user@h1:27017/?authMechanism=MONGODB-X509");
  }
}
