// The baseline of bench/overhead.sh: the seed's small-cnn trained by a plain DL4J fit() loop,
// with nothing of the workbench around it. Launched as a single-file program:
//
//   java -Dorg.bytedeco.javacpp.platform.extension=-onednn \
//        -Dorg.eclipse.deeplearning4j.helpers.disable=false \
//        -cp 'app/target/lib/*' bench/PlainFit.java DATA_DIR [epochs] [batch] [lr] [seed] [validation_split]
//
// It mirrors what a workbench run of experiments/fashion-small-cnn.yaml does, so that the two
// throughputs compare like for like:
//  - the same network: the layers of SmallCnnFactory/LayerStack and the global settings of
//    NetworkFactory (FLOAT, workspaces ENABLED, CacheMode.HOST, XAVIER_UNIFORM, RmsProp(lr, 0.9,
//    1e-7), the seed), built here with DL4J's own builders;
//  - the same images: the IDX files read here, scaled to [0, 1]; the 10% validation part is held
//    out with the API's stratified split (only its indices are used, so both sides train on the
//    very same 54,000 images), and each epoch is shuffled with the seed the workbench uses;
//  - the same ND4J set-up: the oneDNN natives and layer helpers (the two -D properties above and
//    the Nd4jCpu compatibility class from the engine jar on the class path), FLOAT by default,
//    and OMP_NUM_THREADS native threads.
//
// Unlike the workbench, every epoch's batches are made (FLOAT arrays, no augmentation) before its
// timer starts, and the loop is only net.fit(DataSet) per batch: the timer covers exactly the
// training loop. It prints one line per epoch: "epoch N img_per_s X seconds S samples K loss L".
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cnnworkbench.engine.run.EpochOrder;
import java.util.zip.GZIPInputStream;
import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.Splits;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.nativeblas.NativeOpsHolder;

public final class PlainFit {
    private static final int CLASSES = 10;

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: PlainFit DATA_DIR [epochs] [batch] [lr] [seed] [validation_split]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        double lr = args.length > 3 ? Double.parseDouble(args[3]) : 0.001;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
        double validationSplit = args.length > 5 ? Double.parseDouble(args[5]) : 0.1;

        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        int threads = nativeThreads();
        Nd4j.getEnvironment().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);

        byte[][] images = readImages(dir.resolve("train-images-idx3-ubyte.gz"));
        byte[] labels = readLabels(dir.resolve("train-labels-idx1-ubyte.gz"));
        int side = (int) Math.round(Math.sqrt(images[0].length));
        int[] train = trainIndices(labels, validationSplit, seed);

        MultiLayerNetwork net = new MultiLayerNetwork(configuration(seed, lr, side));
        Nd4j.getRandom().setSeed(seed);
        net.init();
        String helper = String.valueOf(net.getLayer(0).getHelper());
        System.out.println("plain: " + net.numParams() + " parameters; " + train.length + " training images; batch "
                + batchSize + "; " + NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()
                + " native thread(s); oneDNN helpers " + (BaseMKLDNNHelper.mklDnnEnabled() ? "on" : "off")
                + " (conv2d helper: " + helper + ")");

        for (int epoch = 1; epoch <= epochs; epoch++) {
            List<DataSet> batches = batches(images, labels, train, side, batchSize, seed * 1_000_003L + epoch);
            double lossSum = 0;
            long seen = 0;
            long start = System.nanoTime();
            for (DataSet batch : batches) {
                net.fit(batch);
                lossSum += net.score() * batch.numExamples();
                seen += batch.numExamples();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            net.incrementEpochCount();
            System.out.printf("epoch %d img_per_s %.3f seconds %.3f samples %d loss %.4f%n", epoch, seen / seconds,
                    seconds, seen, lossSum / seen);
        }
    }

    /** The seed's small-cnn, as SmallCnnFactory builds it on NetworkFactory's global settings. */
    static MultiLayerConfiguration configuration(long seed, double lr, int side) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(CacheMode.HOST)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .updater(new RmsProp(lr, 0.9, 1e-7))
                .list()
                .layer(conv(32, "conv2d"))
                .layer(maxPool("max_pooling2d"))
                .layer(conv(64, "conv2d_1"))
                .layer(maxPool("max_pooling2d_1"))
                .layer(conv(64, "conv2d_2"))
                .layer(new DenseLayer.Builder().nOut(64).activation(Activation.RELU).name("dense").build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(CLASSES).activation(Activation.SOFTMAX)
                        .name("dense_1").build())
                .setInputType(InputType.convolutional(side, side, 1))
                .build();
    }

    private static ConvolutionLayer conv(int filters, String name) {
        return new ConvolutionLayer.Builder(3, 3).nOut(filters).activation(Activation.RELU)
                .convolutionMode(ConvolutionMode.Truncate).dataFormat(CNN2DFormat.NCHW).name(name).build();
    }

    private static SubsamplingLayer maxPool(String name) {
        SubsamplingLayer.Builder b = new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX,
                new int[] {2, 2}, new int[] {2, 2});
        b.convolutionMode(ConvolutionMode.Truncate);
        b.dataFormat(CNN2DFormat.NCHW);
        b.name(name);
        return b.build();
    }

    /** One epoch's batches, in the order the workbench shuffles them for this seed (EpochOrder). */
    static List<DataSet> batches(byte[][] images, byte[] labels, int[] train, int side, int batchSize, long seed) {
        Random random = new Random(seed);
        int[] order = EpochOrder.shuffled(train.length, random);
        int size = side * side;
        List<DataSet> batches = new ArrayList<>();
        for (int from = 0; from < order.length; from += batchSize) {
            int n = Math.min(batchSize, order.length - from);
            float[] f = new float[n * size];
            float[] l = new float[n * CLASSES];
            for (int i = 0; i < n; i++) {
                int index = train[order[from + i]];
                byte[] pixels = images[index];
                for (int p = 0; p < size; p++) {
                    f[i * size + p] = Byte.toUnsignedInt(pixels[p]) / 255f;
                }
                l[i * CLASSES + Byte.toUnsignedInt(labels[index])] = 1f;
            }
            batches.add(new DataSet(Nd4j.create(f, new long[] {n, 1, side, side}, 'c'),
                    Nd4j.create(l, new long[] {n, CLASSES}, 'c')));
        }
        return batches;
    }

    /** The training indices left after the workbench's stratified, seeded validation hold-out. */
    static int[] trainIndices(byte[] labels, double fraction, long seed) {
        if (fraction <= 0) {
            int[] all = new int[labels.length];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        DataSource labelsOnly = new DataSource() {
            @Override
            public int size() {
                return labels.length;
            }

            @Override
            public int label(int index) {
                return Byte.toUnsignedInt(labels[index]);
            }

            @Override
            public void read(int index, float[] destination, int offset) {
                throw new UnsupportedOperationException();
            }
        };
        return Splits.stratified(labelsOnly, fraction, seed).train();
    }

    static int nativeThreads() {
        String env = System.getenv("OMP_NUM_THREADS");
        if (env != null && !env.isBlank()) {
            return Math.max(1, Integer.parseInt(env.trim()));
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    static byte[][] readImages(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 0x803) {
                throw new IOException(file + " is not an IDX image file (magic " + Integer.toHexString(magic) + ")");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            byte[][] images = new byte[count][rows * cols];
            for (byte[] image : images) {
                in.readFully(image);
            }
            return images;
        }
    }

    static byte[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 0x801) {
                throw new IOException(file + " is not an IDX label file (magic " + Integer.toHexString(magic) + ")");
            }
            byte[] labels = new byte[in.readInt()];
            in.readFully(labels);
            return labels;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new java.io.BufferedInputStream(
                file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16));
    }
}
