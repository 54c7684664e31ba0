package io.shopanalytics.jobs.load;

import java.math.BigDecimal;
import java.util.List;

/** Names and places to build plausible customers from. Addresses are US ones with their sales tax. */
final class People {
  /** The tax rate is parsed once here, not for every order shipped to the city. */
  record City(String name, String state, String postalPrefix, BigDecimal taxRate) {
    City(String name, String state, String postalPrefix, String taxRate) {
      this(name, state, postalPrefix, new BigDecimal(taxRate));
    }
  }

  static final List<String> FIRST_NAMES = List.of(
      "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
      "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
      "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Sandra", "Mark", "Ashley", "Steven", "Emily",
      "Andrew", "Olivia", "Joshua", "Sophia", "Kevin", "Mia", "Brian", "Amelia", "Ethan", "Chloe",
      "Wei", "Priya", "Carlos", "Fatima", "Hiroshi", "Aisha", "Mateo", "Ingrid", "Kwame", "Lucia");

  static final List<String> LAST_NAMES = List.of(
      "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
      "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
      "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
      "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
      "Chen", "Patel", "Kim", "Okafor", "Novak", "Schmidt", "Rossi", "Tanaka", "Silva", "Haddad");

  static final List<String> STREETS = List.of(
      "Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Pine St", "Elm St", "Washington Blvd", "Lake View Rd",
      "Sunset Blvd", "Park Ave", "Highland Ave", "River Rd", "Church St", "Mill Rd", "Spring St", "Ridge Rd");

  static final List<City> CITIES = List.of(
      new City("New York", "NY", "100", "0.08875"),
      new City("Los Angeles", "CA", "900", "0.0950"),
      new City("Chicago", "IL", "606", "0.1025"),
      new City("Houston", "TX", "770", "0.0825"),
      new City("Phoenix", "AZ", "850", "0.0860"),
      new City("Philadelphia", "PA", "191", "0.0800"),
      new City("San Antonio", "TX", "782", "0.0825"),
      new City("San Diego", "CA", "921", "0.0775"),
      new City("Dallas", "TX", "752", "0.0825"),
      new City("Seattle", "WA", "981", "0.1035"),
      new City("Denver", "CO", "802", "0.0881"),
      new City("Boston", "MA", "021", "0.0625"),
      new City("Atlanta", "GA", "303", "0.0890"),
      new City("Miami", "FL", "331", "0.0700"),
      new City("Portland", "OR", "972", "0.0000"),
      new City("Minneapolis", "MN", "554", "0.0903"),
      new City("Nashville", "TN", "372", "0.0925"),
      new City("Austin", "TX", "787", "0.0825"),
      new City("Columbus", "OH", "432", "0.0750"),
      new City("Salt Lake City", "UT", "841", "0.0775"));

  static final List<String> EMAIL_DOMAINS = List.of("example.com", "example.net", "example.org");

  private People() {}
}
