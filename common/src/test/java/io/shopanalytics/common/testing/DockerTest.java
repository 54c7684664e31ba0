package io.shopanalytics.common.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that starts real MongoDB containers through Testcontainers: tagged {@value #TAG}, so
 * that {@code mvn -Punit test} leaves it out. Without Docker it skips on its own (it also carries
 * {@code @Testcontainers(disabledWithoutDocker = true)}); with Docker it pulls images and starts a
 * sharded cluster, which takes minutes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(DockerTest.TAG)
public @interface DockerTest {
  String TAG = "docker";
}
