import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.api.Image;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;

/**
 * For bench/accuracy.sh: the CPU time one thread spends per 64x64x3 image in the augmentation
 * chains of the throughput measurement (rotation + shift + zoom as three plugins, and the same
 * in the single `affine` warp), measured apart from training, so that machine noise hardly
 * touches it. The workbench applies the chain on its prefetch thread, beside the training thread.
 *
 * Usage: java -cp 'app/target/lib/*:app/target/plugins/plugin-augmentations.jar' \
 *            bench/accuracy/AugmentCost.java [IMAGES]
 * Prints: {@code augment_cpu_us chain <us/image> affine <us/image>}.
 */
public class AugmentCost {
    private static final String PKG = "org.cnnworkbench.plugins.augmentations.";

    static ImageTransform transform(String simpleName, Object... overrides) throws Exception {
        Augmentation a = (Augmentation) Class.forName(PKG + simpleName).getDeclaredConstructor().newInstance();
        Map<String, Object> values = new HashMap<>();
        for (ParamSpec spec : a.parameters()) {
            if (spec.defaultValue() != null) {
                values.put(spec.name(), spec.defaultValue());
            }
        }
        for (int i = 0; i < overrides.length; i += 2) {
            values.put((String) overrides[i], overrides[i + 1]);
        }
        return a.create(new Params(values));
    }

    /** CPU microseconds per image of applying chain to n images (after a warm-up of n / 2). */
    static double cost(List<ImageTransform> chain, int n) {
        int c = 3, h = 64, w = 64, size = c * h * w;
        Random data = new Random(1);
        float[][] pool = new float[64][size];
        for (float[] image : pool) {
            for (int i = 0; i < size; i++) {
                image[i] = data.nextFloat();
            }
        }
        float[] work = new float[size];
        Random random = new Random(42);
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long start = 0;
        for (int k = -n / 2; k < n; k++) {
            if (k == 0) {
                start = bean.getCurrentThreadCpuTime();
            }
            System.arraycopy(pool[Math.floorMod(k, pool.length)], 0, work, 0, size);
            Image image = new Image(work, 0, c, h, w);
            for (ImageTransform t : chain) {
                t.apply(image, random);
            }
        }
        return (bean.getCurrentThreadCpuTime() - start) / 1e3 / n;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        List<ImageTransform> chain = new ArrayList<>(List.of(
                transform("Rotation", "degrees", 20.0),
                transform("Shift", "width_fraction", 0.1, "height_fraction", 0.1),
                transform("Zoom", "range", 0.2)));
        List<ImageTransform> affine = List.of(transform("Affine", "rotation_degrees", 20.0,
                "width_fraction", 0.1, "height_fraction", 0.1, "zoom_range", 0.2));
        double chainUs = cost(chain, n);
        double affineUs = cost(affine, n);
        System.out.printf("augment_cpu_us chain %.1f affine %.1f%n", chainUs, affineUs);
    }
}
