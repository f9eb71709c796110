package mlkata.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Compares a screenshot with its golden PNG, pixel by pixel, within a tolerance; draws where they differ. */
final class Screenshots {
  private Screenshots() {}

  /**
   * Null when {@code shot} matches the golden at {@code golden}: same size, and at most {@code maxFraction}
   * of the pixels differ by more than {@code threshold} (the sum of the red, green and blue differences);
   * otherwise what differs, in words.
   */
  static String compare(Path golden, BufferedImage shot, int threshold, double maxFraction) throws IOException {
    if (!Files.exists(golden)) {
      return "no golden screenshot at " + golden.toAbsolutePath();
    }
    BufferedImage want = ImageIO.read(golden.toFile());
    if (want.getWidth() != shot.getWidth() || want.getHeight() != shot.getHeight()) {
      return "the screenshot is " + shot.getWidth() + "x" + shot.getHeight() + ", the golden " + want.getWidth() + "x"
          + want.getHeight();
    }
    long differing = differing(want, shot, threshold);
    double fraction = (double) differing / ((long) shot.getWidth() * shot.getHeight());
    return fraction <= maxFraction ? null : String.format("%d pixels (%.3f%%) differ by more than %d, over the %.3f%%"
        + " allowed", differing, 100 * fraction, threshold, 100 * maxFraction);
  }

  static long differing(BufferedImage a, BufferedImage b, int threshold) {
    long n = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        n += distance(a.getRGB(x, y), b.getRGB(x, y)) > threshold ? 1 : 0;
      }
    }
    return n;
  }

  /** The golden faded to a fifth, with the pixels that differ by more than {@code threshold} in red. */
  static BufferedImage diff(BufferedImage golden, BufferedImage shot, int threshold) {
    int w = Math.min(golden.getWidth(), shot.getWidth());
    int h = Math.min(golden.getHeight(), shot.getHeight());
    BufferedImage out = new BufferedImage(Math.max(golden.getWidth(), shot.getWidth()),
        Math.max(golden.getHeight(), shot.getHeight()), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        if (x >= w || y >= h) {
          out.setRGB(x, y, 0xff0000);
          continue;
        }
        int g = golden.getRGB(x, y);
        if (distance(g, shot.getRGB(x, y)) > threshold) {
          out.setRGB(x, y, 0xff0000);
        } else {
          int r = 204 + ((g >> 16) & 0xff) / 5;
          int gr = 204 + ((g >> 8) & 0xff) / 5;
          int b = 204 + (g & 0xff) / 5;
          out.setRGB(x, y, (r << 16) | (gr << 8) | b);
        }
      }
    }
    return out;
  }

  static int distance(int a, int b) {
    return Math.abs(((a >> 16) & 0xff) - ((b >> 16) & 0xff)) + Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff))
        + Math.abs((a & 0xff) - (b & 0xff));
  }
}
