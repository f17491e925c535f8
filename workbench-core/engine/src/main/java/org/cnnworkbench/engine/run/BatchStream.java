package org.cnnworkbench.engine.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.Image;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.InputShape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns a {@link DataSource} into mini-batches of FLOAT arrays (NCHW images, or NCW sequences),
 * with one-hot labels (or a single 0/1 column for a binary head). For training it shuffles with a
 * seeded order each epoch and applies the augmentations; a producer thread prepares the next
 * batches while the network trains on the current one.
 */
final class BatchStream {
    private static final int PREFETCH = 3;

    private final DataSource source;
    private final InputShape shape;
    private final int classes;
    private final boolean binaryLabels;
    private final int batchSize;

    BatchStream(DataSource source, InputShape shape, int classes, boolean binaryLabels, int batchSize) {
        this.source = source;
        this.shape = shape;
        this.classes = classes;
        this.binaryLabels = binaryLabels;
        this.batchSize = batchSize;
    }

    int size() {
        return source.size();
    }

    int batchCount() {
        return (source.size() + batchSize - 1) / batchSize;
    }

    /** Batches in order, without augmentation (validation, test). */
    Iterable<DataSet> inOrder() {
        int[] order = EpochOrder.inOrder(source.size());
        return () -> new Prefetcher(order, List.of(), null);
    }

    /**
     * One training epoch: shuffled by {@code seed}, augmented with {@code transforms} using a
     * Random seeded with {@code seed} too, so an epoch's batches repeat exactly for the same seed.
     */
    Prefetcher trainingEpoch(long seed, List<ImageTransform> transforms) {
        Random random = new Random(seed);
        int[] order = EpochOrder.shuffled(source.size(), random);
        return new Prefetcher(order, transforms, transforms.isEmpty() ? null : new Random(random.nextLong()));
    }

    private DataSet makeBatch(int[] order, int from, List<ImageTransform> transforms, Random random) {
        int n = Math.min(batchSize, order.length - from);
        int sampleSize = shape.size();
        float[] features = new float[n * sampleSize];
        int labelWidth = binaryLabels ? 1 : classes;
        float[] labels = new float[n * labelWidth];
        for (int i = 0; i < n; i++) {
            int index = order[from + i];
            source.read(index, features, i * sampleSize);
            if (!transforms.isEmpty()) {
                Image image = new Image(features, i * sampleSize, shape.channels(), shape.height(), shape.width());
                for (ImageTransform transform : transforms) {
                    transform.apply(image, random);
                }
            }
            int label = source.label(index);
            if (binaryLabels) {
                labels[i] = label;
            } else {
                labels[i * labelWidth + label] = 1f;
            }
        }
        long[] featureShape = shape.kind() == InputShape.Kind.IMAGE
                ? new long[] {n, shape.channels(), shape.height(), shape.width()}
                : new long[] {n, shape.channels(), shape.width()};
        INDArray f = Nd4j.create(features, featureShape, 'c');
        INDArray l = Nd4j.create(labels, new long[] {n, labelWidth}, 'c');
        return new DataSet(f, l);
    }

    /**
     * Iterates the batches of one pass, produced on a daemon thread (bounded queue); a failure
     * in the producer (e.g. an augmentation that throws) is rethrown on the consuming thread.
     */
    final class Prefetcher implements java.util.Iterator<DataSet>, AutoCloseable {
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(PREFETCH);
        private final int total;
        private final Thread producer;
        private int taken;
        private volatile boolean closed;

        Prefetcher(int[] order, List<ImageTransform> transforms, Random random) {
            this.total = (order.length + batchSize - 1) / batchSize;
            List<ImageTransform> chain = new ArrayList<>(transforms);
            producer = new Thread(() -> {
                try {
                    for (int from = 0; from < order.length && !closed; from += batchSize) {
                        queue.put(makeBatch(order, from, chain, random));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | Error e) {
                    try {
                        queue.put(e);
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, "workbench-batches");
            producer.setDaemon(true);
            producer.start();
        }

        @Override
        public boolean hasNext() {
            return taken < total;
        }

        @Override
        public DataSet next() {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the next batch", e);
            }
            taken++;
            if (item instanceof RuntimeException e) {
                throw e;
            }
            if (item instanceof Error e) {
                throw e;
            }
            return (DataSet) item;
        }

        @Override
        public void close() {
            closed = true;
            producer.interrupt();
        }
    }
}
