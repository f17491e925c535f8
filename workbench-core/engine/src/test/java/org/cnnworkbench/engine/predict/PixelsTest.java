package org.cnnworkbench.engine.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.cnnworkbench.api.data.Pixels;
import org.junit.jupiter.api.Test;

class PixelsTest {

    @Test
    void grayscalePngValuesArriveUnchangedWhenNoResizeIsNeeded() throws IOException {
        BufferedImage gray = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 12; i++) {
            gray.getRaster().setSample(i % 4, i / 4, 0, i * 20);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(gray, "png", png);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));

        float[] out = new float[12];
        Pixels.toChw(decoded, 1, 3, 4, out, 0);

        for (int i = 0; i < 12; i++) {
            assertThat(out[i]).as("pixel %d", i).isCloseTo(i * 20 / 255f, org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void rgbImagesGiveChannelPlanesAndGrayscaleIsLuminance() {
        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0xff0000);
        rgb.setRGB(1, 0, 0x0000ff);
        float[] planes = new float[6];
        float[] luma = new float[2];

        Pixels.toChw(rgb, 3, 1, 2, planes, 0);
        Pixels.toChw(rgb, 1, 1, 2, luma, 0);

        assertThat(planes).containsExactly(1f, 0f, 0f, 0f, 0f, 1f);
        assertThat(luma[0]).isCloseTo(0.299f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(luma[1]).isCloseTo(0.114f, org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void resizeGivesExactlyTheRequestedSize() {
        BufferedImage large = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        assertThat(Pixels.resize(large, 28, 28)).extracting(BufferedImage::getWidth, BufferedImage::getHeight).containsExactly(28, 28);
        assertThat(Pixels.resize(large, 640, 480)).extracting(BufferedImage::getWidth, BufferedImage::getHeight).containsExactly(640, 480);
    }
}
