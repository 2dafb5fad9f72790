package pcilc.review;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Checks that a browser's screenshot of the report shows something: a PNG of the expected size whose
 * pixels are not all (nearly) white and use more than a handful of colours (text, tables, diagrams).
 * {@code java pcilc.review.PngCheck <png> <width> <height>}; exit 1 with one line naming the problem.
 */
public final class PngCheck {
    /** Below this share of non-white pixels the page did not render (a blank or error page). */
    static final double MIN_INK = 0.01;
    static final int MIN_COLOURS = 16;

    private PngCheck() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: PngCheck <png> <width> <height>");
            System.exit(1);
        }
        try {
            System.out.println(check(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2])));
        } catch (IllegalStateException | NumberFormatException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    /** One line describing the picture; IllegalStateException naming the file and problem if it is trivial. */
    static String check(Path png, int width, int height) {
        BufferedImage image;
        long bytes;
        try {
            bytes = Files.size(png);
            image = ImageIO.read(png.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(png + ": cannot read (" + e.getMessage() + ")");
        }
        if (image == null) {
            throw new IllegalStateException(png + ": not a PNG image");
        }
        if (image.getWidth() != width || image.getHeight() != height) {
            throw new IllegalStateException(png + ": " + image.getWidth() + "x" + image.getHeight() + " pixels, expected "
                    + width + "x" + height);
        }
        long ink = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                if (colours.size() <= 4096) {
                    colours.add(rgb);
                }
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (r < 240 || g < 240 || b < 240) {
                    ink++;
                }
            }
        }
        double share = (double) ink / ((long) image.getWidth() * image.getHeight());
        String summary = String.format(Locale.ROOT, "%s: %dx%d, %d bytes, %.1f%% non-white pixels, %s colours", png,
                image.getWidth(), image.getHeight(), bytes, share * 100, colours.size() > 4096 ? ">4096" : colours.size());
        if (share < MIN_INK) {
            throw new IllegalStateException(summary + ": (nearly) blank, the page did not render");
        }
        if (colours.size() < MIN_COLOURS) {
            throw new IllegalStateException(summary + ": too few colours for the report's tables and diagrams");
        }
        return summary + ": ok";
    }
}
