package io.shopanalytics.common.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that starts the embedded wire-protocol server in its JVM ({@link EmbeddedMongo},
 * the jobs' {@code EmbeddedMongoExtension}, or {@code DevMongoServer} directly): tagged
 * {@value #TAG}, so that {@code mvn -Punit test} leaves it out. It needs no Docker and no network
 * beyond 127.0.0.1, but takes seconds per class and a free port.
 *
 * <p>Inherited, so that the subclasses of a base class that starts the server carry it too.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(EmbeddedServerTest.TAG)
public @interface EmbeddedServerTest {
  String TAG = "embedded";
}
