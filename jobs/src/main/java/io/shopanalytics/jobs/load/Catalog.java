package io.shopanalytics.jobs.load;

import io.shopanalytics.jobs.load.Categories.Category;
import io.shopanalytics.jobs.load.Categories.Subcategory;
import io.shopanalytics.jobs.load.DocumentRandom.Stream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bson.types.ObjectId;

/**
 * The generated products and how often each one sells. An order line first draws a category by
 * its weight, then a product of that category by a Zipf law over a shuffled popularity rank: each
 * department has a few best sellers and a long tail.
 */
final class Catalog {
  /** What an order line copies from its product. */
  record Product(int index, ObjectId id, String sku, String name, String brand, String noun,
      Category category, Subcategory subcategory, BigDecimal price, long createdAt, int popularityRank) {}

  static final double POPULARITY_EXPONENT = 1.0;
  private static final List<String> ADJECTIVES = List.of(
      "Premium", "Classic", "Pro", "Compact", "Essential", "Smart", "Eco", "Deluxe", "Everyday", "Ultra-Light");

  private final List<Product> products;
  private final List<Category> stocked = new ArrayList<>();
  private final List<List<Product>> byCategoryAndRank = new ArrayList<>();
  private final List<WeightedSampler> popularity = new ArrayList<>();
  private final WeightedSampler categories;

  Catalog(LoadSpec spec) {
    List<Category> slots = categorySlots(spec);
    products = new ArrayList<>(spec.products());
    List<List<Integer>> members = new ArrayList<>();
    Categories.ALL.forEach(c -> members.add(new ArrayList<>()));
    for (int i = 0; i < spec.products(); i++) {
      members.get(Categories.ALL.indexOf(slots.get(i))).add(i);
    }
    int[] ranks = new int[spec.products()];
    SplittableRandom shuffle = DocumentRandom.of(spec.seed(), Stream.CATALOG, 1);
    for (List<Integer> member : members) {
      shuffleInPlace(member, shuffle);
      for (int rank = 0; rank < member.size(); rank++) {
        ranks[member.get(rank)] = rank;
      }
    }
    for (int i = 0; i < spec.products(); i++) {
      products.add(product(spec, i, slots.get(i), ranks[i]));
    }
    List<Double> weights = new ArrayList<>();
    for (int c = 0; c < Categories.ALL.size(); c++) {
      if (members.get(c).isEmpty()) {
        continue;
      }
      stocked.add(Categories.ALL.get(c));
      weights.add(Categories.ALL.get(c).weight());
      List<Product> ranked = new ArrayList<>();
      members.get(c).forEach(i -> ranked.add(products.get(i)));
      byCategoryAndRank.add(ranked);
      popularity.add(WeightedSampler.zipf(ranked.size(), POPULARITY_EXPONENT));
    }
    categories = new WeightedSampler(weights.stream().mapToDouble(Double::doubleValue).toArray());
  }

  List<Product> products() {
    return products;
  }

  /** Categories that have at least one product, most popular first. */
  List<String> stockedCategoryNames() {
    return stocked.stream().map(Category::name).toList();
  }

  Product pickForOrderLine(SplittableRandom random) {
    int category = categories.pick(random);
    return byCategoryAndRank.get(category).get(popularity.get(category).pick(random));
  }

  /** The probability that an order line is this product. */
  double lineShare(Product product) {
    int category = stocked.indexOf(product.category());
    return categories.probability(category) * popularity.get(category).probability(product.popularityRank());
  }

  /**
   * Category of each product index: every category gets its share of the catalogue (largest
   * remainder, at least one product each while there are enough), in a seeded random order.
   */
  private static List<Category> categorySlots(LoadSpec spec) {
    int n = spec.products();
    List<Category> all = Categories.ALL;
    int[] counts = new int[all.size()];
    boolean everyCategory = n >= all.size();
    int assigned = 0;
    for (int c = 0; c < all.size(); c++) {
      counts[c] = Math.max(everyCategory ? 1 : 0, (int) Math.floor(n * all.get(c).weight()));
      assigned += counts[c];
    }
    // hand out what is left (or take back the excess of the minimums) in popularity order
    for (int c = 0; assigned != n; c = (c + 1) % all.size()) {
      if (assigned < n) {
        counts[c]++;
        assigned++;
      } else if (counts[c] > 1) {
        counts[c]--;
        assigned--;
      }
    }
    List<Category> slots = new ArrayList<>(n);
    for (int c = 0; c < all.size(); c++) {
      for (int k = 0; k < counts[c]; k++) {
        slots.add(all.get(c));
      }
    }
    shuffleInPlace(slots, DocumentRandom.of(spec.seed(), Stream.CATALOG, 0));
    return slots;
  }

  private static Product product(LoadSpec spec, int index, Category category, int rank) {
    SplittableRandom random = DocumentRandom.of(spec.seed(), Stream.PRODUCTS, index);
    Subcategory subcategory = DocumentRandom.pick(random, category.subcategories());
    String noun = DocumentRandom.pick(random, subcategory.nouns());
    String brand = DocumentRandom.pick(random, category.brands());
    String name = brand + " " + DocumentRandom.pick(random, ADJECTIVES) + " " + noun;
    String sku = category.code() + "-" + subcategory.code() + "-" + Digits.padded(index + 1, 6);
    long windowStart = spec.windowStart().toEpochMilli();
    long createdAt = DocumentRandom.between(random,
        windowStart - Duration.ofDays(3 * 365).toMillis(), windowStart - Duration.ofDays(30).toMillis());
    ObjectId id = DocumentRandom.objectId(createdAt, Stream.PRODUCTS, random, index);
    return new Product(index, id, sku, name, brand, noun, category, subcategory, price(random, category),
        createdAt, rank);
  }

  /** Log-uniform within the category's range, ending in .99 like shop prices do. */
  private static BigDecimal price(SplittableRandom random, Category category) {
    double logMin = Math.log(category.minPrice());
    double logMax = Math.log(category.maxPrice());
    double raw = Math.exp(logMin + random.nextDouble() * (logMax - logMin));
    return BigDecimal.valueOf((long) Math.floor(raw)).add(new BigDecimal("0.99")).setScale(2, RoundingMode.UNNECESSARY);
  }

  private static <T> void shuffleInPlace(List<T> list, SplittableRandom random) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T swap = list.get(i);
      list.set(i, list.get(j));
      list.set(j, swap);
    }
  }
}
