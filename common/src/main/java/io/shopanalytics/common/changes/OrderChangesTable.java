package io.shopanalytics.common.changes;

import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The changes of {@code orders} as a table Spark reads in micro-batches only. */
final class OrderChangesTable implements SupportsRead, ScanBuilder, Scan {
  private final ChangeFeedSpec spec;

  OrderChangesTable(ChangeFeedSpec spec) {
    this.spec = spec;
  }

  @Override
  public String name() {
    return "orders changes";
  }

  @Override
  public StructType schema() {
    return OrderChange.SCHEMA;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.MICRO_BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return this;
  }

  @Override
  public Scan build() {
    return this;
  }

  @Override
  public StructType readSchema() {
    return OrderChange.SCHEMA;
  }

  @Override
  public String description() {
    return "change stream of orders";
  }

  @Override
  public MicroBatchStream toMicroBatchStream(String checkpointLocation) {
    return new OrderChangesMicroBatch(spec, new InitialOffsetStore(checkpointLocation));
  }
}
