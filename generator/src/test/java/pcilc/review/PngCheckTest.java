package pcilc.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngCheckTest {
    private static Path png(String name, boolean draw) throws Exception {
        BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 100);
        if (draw) {
            for (int i = 0; i < 20; i++) {
                g.setColor(new Color(10 * i, 255 - 10 * i, 100));
                g.fillRect(i * 10, 20, 10, 40);
            }
        }
        g.dispose();
        Path file = Path.of("target/png-test", name);
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void aPageWithContentPasses() throws Exception {
        assertThat(PngCheck.check(png("drawn.png", true), 200, 100)).endsWith(": ok").contains("200x100");
    }

    @Test
    void aBlankPageFails() throws Exception {
        assertThatThrownBy(() -> PngCheck.check(png("blank.png", false), 200, 100))
                .hasMessageContaining("blank.png").hasMessageEndingWith("(nearly) blank, the page did not render");
    }

    @Test
    void aWrongSizeOrNotAPngFails() throws Exception {
        assertThatThrownBy(() -> PngCheck.check(png("drawn.png", true), 1400, 2000))
                .hasMessageEndingWith("200x100 pixels, expected 1400x2000");
        Path text = Path.of("target/png-test/not.png");
        Files.writeString(text, "no picture");
        assertThatThrownBy(() -> PngCheck.check(text, 1, 1)).hasMessage(text + ": not a PNG image");
    }
}
