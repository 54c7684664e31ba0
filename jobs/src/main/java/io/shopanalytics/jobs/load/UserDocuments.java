package io.shopanalytics.jobs.load;

import static io.shopanalytics.jobs.load.BsonValues.date;

import io.shopanalytics.jobs.load.Customers.Address;
import io.shopanalytics.jobs.load.Customers.Profile;
import io.shopanalytics.jobs.load.DocumentRandom.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonString;

/** User documents in the design's shape. */
final class UserDocuments {
  /** bcrypt's alphabet: the hashes look like real ones but hash nothing. */
  private static final String BCRYPT_ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final LoadSpec spec;
  private final Customers customers;

  UserDocuments(LoadSpec spec, Customers customers) {
    this.spec = spec;
    this.customers = customers;
  }

  BsonDocument document(int index) {
    Profile profile = customers.profile(index);
    SplittableRandom random = DocumentRandom.of(spec.seed(), Stream.USER_DETAILS, index);
    BsonArray addresses = new BsonArray(profile.addresses().size());
    profile.addresses().forEach(address -> addresses.add(address(address, true)));
    long endOfWindow = spec.windowEnd().toEpochMilli();
    long lastLogin = DocumentRandom.between(random, profile.createdAt(), endOfWindow);
    long updatedAt = DocumentRandom.between(random, profile.createdAt(), lastLogin);
    return new BsonDocument("_id", new BsonObjectId(profile.id()))
        .append("email", new BsonString(profile.email()))
        .append("password_hash", new BsonString(passwordHash(random)))
        .append("first_name", new BsonString(profile.firstName()))
        .append("last_name", new BsonString(profile.lastName()))
        .append("phone", new BsonString(profile.phone()))
        .append("addresses", addresses)
        .append("preferences", new BsonDocument("newsletter", BsonBoolean.valueOf(random.nextDouble() < 0.45))
            .append("notifications", BsonBoolean.valueOf(random.nextDouble() < 0.7))
            .append("favorite_categories", BsonValues.strings(favoriteCategories(random))))
        .append("last_login", date(lastLogin))
        .append("created_at", date(profile.createdAt()))
        .append("updated_at", date(updatedAt));
  }

  /** An address as stored on a user (with its type and default flag) or copied into an order. */
  static BsonDocument address(Address address, boolean withUserFields) {
    BsonDocument document = new BsonDocument();
    if (withUserFields) {
      document.append("type", new BsonString(address.type()));
    }
    document.append("street", new BsonString(address.street()))
        .append("city", new BsonString(address.city().name()))
        .append("state", new BsonString(address.city().state()))
        .append("postal_code", new BsonString(address.postalCode()))
        .append("country", new BsonString("US"));
    if (withUserFields) {
      document.append("is_default", BsonBoolean.valueOf(address.isDefault()));
    }
    return document;
  }

  private static String passwordHash(SplittableRandom random) {
    StringBuilder hash = new StringBuilder("$2b$12$");
    for (int i = 0; i < 53; i++) {
      hash.append(BCRYPT_ALPHABET.charAt(random.nextInt(BCRYPT_ALPHABET.length())));
    }
    return hash.toString();
  }

  private static List<String> favoriteCategories(SplittableRandom random) {
    List<String> names = Categories.namesByPopularity();
    List<String> favorites = new ArrayList<>();
    int count = random.nextInt(3);
    for (int i = 0; i < count; i++) {
      // popular departments are more often someone's favourite
      String name = names.get(Math.min(names.size() - 1, (int) (names.size() * Math.pow(random.nextDouble(), 2))));
      if (!favorites.contains(name)) {
        favorites.add(name);
      }
    }
    return favorites;
  }
}
