package io.shopanalytics.jobs.load;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.bson.types.ObjectId;

/**
 * Random streams keyed by (seed, stream, index). Each document draws from its own stream, so a
 * document does not depend on which thread generated it or on what was generated before it: that
 * is what makes parallel generation reproducible.
 */
final class DocumentRandom {
  /** Separates the streams of one seed; the value is also the ObjectId's tag byte. */
  enum Stream {
    USERS(1), PRODUCTS(2), ORDERS(3),
    /** Fields only the user or product document needs, apart from what orders copy. */
    USER_DETAILS(4), PRODUCT_DETAILS(5),
    /** One-off draws: category slots, popularity ranks, customer activity. */
    CATALOG(6), CUSTOMERS(7);

    final int tag;

    Stream(int tag) {
      this.tag = tag;
    }
  }

  private DocumentRandom() {}

  static SplittableRandom of(long seed, Stream stream, long index) {
    return new SplittableRandom(mix(mix(seed) + mix(stream.tag * 0x632BE59BD9B4E019L + index)));
  }

  /**
   * A deterministic ObjectId: the timestamp part is the document's creation time (as a driver would
   * have made it), then the stream's tag byte, three random bytes and the document index, so ids
   * never collide within a collection.
   */
  static ObjectId objectId(long createdAtMillis, Stream stream, SplittableRandom random, int index) {
    ByteBuffer bytes = ByteBuffer.allocate(12);
    bytes.putInt((int) (createdAtMillis / 1000));
    bytes.put((byte) stream.tag);
    int noise = random.nextInt();
    bytes.put((byte) (noise >>> 16)).put((byte) (noise >>> 8)).put((byte) noise);
    bytes.putInt(index);
    return new ObjectId(bytes.array());
  }

  static <T> T pick(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** A time uniformly in [start, end). */
  static long between(SplittableRandom random, long startMillis, long endMillis) {
    return endMillis <= startMillis ? startMillis : random.nextLong(startMillis, endMillis);
  }

  /** MurmurHash3's 64-bit finalizer: spreads neighbouring seeds and indexes over the whole range. */
  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
