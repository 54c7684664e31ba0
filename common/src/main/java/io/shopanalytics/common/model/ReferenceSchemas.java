package io.shopanalytics.common.model;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The fields of products and users the analytics use. */
public final class ReferenceSchemas {
  public static final String PRODUCT_ID = "product_id";
  public static final String PRODUCT_SKU = "sku";
  public static final String PRODUCT_NAME = "name";
  public static final String PRODUCT_CATEGORY = "category";

  public static final StructType PRODUCT = new StructType()
      .add(PRODUCT_ID, DataTypes.StringType, false)
      .add(PRODUCT_SKU, DataTypes.StringType, true)
      .add(PRODUCT_NAME, DataTypes.StringType, true)
      .add(PRODUCT_CATEGORY, DataTypes.StringType, true);

  public static final String USER_ID = "user_id";
  public static final String USER_EMAIL = "email";

  public static final StructType USER = new StructType()
      .add(USER_ID, DataTypes.StringType, false)
      .add(USER_EMAIL, DataTypes.StringType, true);

  private ReferenceSchemas() {}
}
