package io.shopanalytics.jobs.load;

import java.util.List;
import java.util.Locale;

/**
 * The store's departments, most popular first. {@code weight} is both a department's share of the
 * catalogue and its share of order lines, so Electronics leads, then Fashion, then a tail.
 */
final class Categories {
  record Subcategory(String name, String code, List<String> nouns) {}

  record Category(String name, String code, double weight, double minPrice, double maxPrice,
      List<String> brands, List<Subcategory> subcategories) {}

  static final List<Category> ALL = List.of(
      new Category("Electronics", "ELEC", 0.30, 9.99, 1999.99,
          List.of("Sonora", "Voltix", "Nimbus", "Arcadia", "Kestrel"),
          List.of(
              new Subcategory("Audio", "AUD", List.of("Wireless Headphones", "Earbuds", "Bluetooth Speaker", "Soundbar")),
              new Subcategory("Computers", "CMP", List.of("Laptop", "Monitor", "Mechanical Keyboard", "Mouse")),
              new Subcategory("Phones", "PHN", List.of("Smartphone", "Phone Case", "Fast Charger")),
              new Subcategory("Cameras", "CAM", List.of("Mirrorless Camera", "Action Camera", "Zoom Lens")),
              new Subcategory("Wearables", "WRB", List.of("Smartwatch", "Fitness Tracker")),
              new Subcategory("Gaming", "GAM", List.of("Game Controller", "Gaming Headset", "Console")))),
      new Category("Fashion", "FASH", 0.22, 9.99, 299.99,
          List.of("Aurelle", "Northwind", "Maison Lark", "Tidewear"),
          List.of(
              new Subcategory("Men's Clothing", "MEN", List.of("T-Shirt", "Jeans", "Jacket", "Hoodie")),
              new Subcategory("Women's Clothing", "WMN", List.of("Dress", "Blouse", "Skirt", "Cardigan")),
              new Subcategory("Shoes", "SHO", List.of("Sneakers", "Boots", "Sandals")),
              new Subcategory("Accessories", "ACC", List.of("Backpack", "Belt", "Sunglasses", "Scarf")),
              new Subcategory("Jewelry", "JWL", List.of("Necklace", "Earrings", "Bracelet")))),
      new Category("Home & Kitchen", "HOME", 0.14, 4.99, 899.99,
          List.of("Hearthly", "Oakridge", "Casa Nova", "Brightnest"),
          List.of(
              new Subcategory("Kitchen", "KIT", List.of("Chef's Knife", "Blender", "Cookware Set", "Coffee Maker")),
              new Subcategory("Furniture", "FUR", List.of("Desk Chair", "Bookshelf", "Side Table")),
              new Subcategory("Bedding", "BED", List.of("Duvet Cover", "Pillow Set", "Sheet Set")),
              new Subcategory("Decor", "DEC", List.of("Table Lamp", "Wall Clock", "Vase")),
              new Subcategory("Appliances", "APL", List.of("Air Fryer", "Vacuum Cleaner", "Air Purifier")))),
      new Category("Sports & Outdoors", "SPRT", 0.09, 7.99, 699.99,
          List.of("Summitline", "Pace", "Ridgeback", "Trailhead"),
          List.of(
              new Subcategory("Fitness", "FIT", List.of("Yoga Mat", "Dumbbell Set", "Resistance Bands")),
              new Subcategory("Camping", "CMP", List.of("Tent", "Sleeping Bag", "Headlamp")),
              new Subcategory("Cycling", "CYC", List.of("Bike Helmet", "Bike Light", "Cycling Gloves")),
              new Subcategory("Team Sports", "TEAM", List.of("Soccer Ball", "Basketball", "Training Cones")))),
      new Category("Beauty", "BEAU", 0.08, 3.99, 149.99,
          List.of("Lumiere", "Verdant", "Silk & Stone"),
          List.of(
              new Subcategory("Skincare", "SKN", List.of("Moisturizer", "Serum", "Cleanser")),
              new Subcategory("Makeup", "MKP", List.of("Lipstick", "Mascara", "Foundation")),
              new Subcategory("Haircare", "HAIR", List.of("Shampoo", "Conditioner", "Hair Dryer")),
              new Subcategory("Fragrance", "FRG", List.of("Eau de Parfum", "Body Mist")))),
      new Category("Books", "BOOK", 0.07, 4.99, 89.99,
          List.of("Harbor House", "Quillstone", "Meridian Press"),
          List.of(
              new Subcategory("Fiction", "FIC", List.of("Novel", "Thriller", "Short Stories")),
              new Subcategory("Non-Fiction", "NF", List.of("Biography", "History", "Cookbook")),
              new Subcategory("Children", "CHD", List.of("Picture Book", "Activity Book")),
              new Subcategory("Textbooks", "TXT", List.of("Textbook", "Study Guide")))),
      new Category("Toys & Games", "TOYS", 0.06, 4.99, 249.99,
          List.of("Playforge", "Tinker Bay", "Marble Owl"),
          List.of(
              new Subcategory("Board Games", "BRD", List.of("Strategy Game", "Party Game")),
              new Subcategory("Puzzles", "PZL", List.of("Jigsaw Puzzle", "Brain Teaser")),
              new Subcategory("Building Sets", "BLD", List.of("Building Set", "Construction Kit")),
              new Subcategory("Educational", "EDU", List.of("Science Kit", "Coding Robot")))),
      new Category("Grocery", "GROC", 0.04, 1.99, 59.99,
          List.of("Golden Acre", "Pantry Co.", "Wildroot"),
          List.of(
              new Subcategory("Snacks", "SNK", List.of("Trail Mix", "Protein Bar")),
              new Subcategory("Beverages", "BEV", List.of("Coffee Beans", "Green Tea")),
              new Subcategory("Pantry", "PAN", List.of("Olive Oil", "Pasta", "Honey")),
              new Subcategory("Organic", "ORG", List.of("Organic Granola", "Organic Nut Butter")))));

  private Categories() {}

  /** Lower-case words joined by '-': "Home & Kitchen" is home-kitchen (tags, zone names). */
  static String slug(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  /** Category names, most popular first: the order the sharding plan pins zones in. */
  static List<String> namesByPopularity() {
    return ALL.stream().map(Category::name).toList();
  }
}
