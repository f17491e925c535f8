package org.cnnworkbench.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.testkit.TestArchitectureContext;
import org.cnnworkbench.testkit.TestParams;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The dataset and the architecture together, trained with plain DL4J (no workbench needed): the
 * tiny CNN tells the blobs apart after a few epochs. The workbench does the same batching for
 * real runs; this shows the pair is sound before a jar is ever built.
 */
class TinyCnnLearnsBlobsTest {

    @Test
    void theTinyCnnTellsTheBlobsApartAfterAFewEpochs() {
        BlobsDataset blobs = new BlobsDataset();
        DatasetSplits splits = blobs.load(TestParams.of(blobs, "samples_per_class", 60), 42);
        TinyCnnFactory factory = new TinyCnnFactory();
        MultiLayerNetwork network = new MultiLayerNetwork(factory.build(TestParams.of(factory),
                new TestArchitectureContext(splits.shape(), splits.classCount(), 0.01, Map.of())));
        network.init();
        DataSet train = dataSet(splits.train(), splits.shape(), splits.classCount());

        for (int epoch = 0; epoch < 8; epoch++) {
            train.shuffle(epoch);
            train.batchBy(30).forEach(network::fit);
        }

        DataSet test = dataSet(splits.test(), splits.shape(), splits.classCount());
        Evaluation evaluation = new Evaluation(splits.classCount());
        evaluation.eval(test.getLabels(), network.output(test.getFeatures()));
        assertThat(evaluation.accuracy()).as(evaluation.stats()).isGreaterThan(0.9);
    }

    /** Every sample of {@code source} as one DataSet: NCHW features and one-hot labels. */
    private static DataSet dataSet(DataSource source, InputShape shape, int classes) {
        float[] features = new float[source.size() * shape.size()];
        float[] labels = new float[source.size() * classes];
        for (int i = 0; i < source.size(); i++) {
            source.read(i, features, i * shape.size());
            labels[i * classes + source.label(i)] = 1;
        }
        return new DataSet(
                Nd4j.create(features, new long[] {source.size(), shape.channels(), shape.height(), shape.width()}, DataType.FLOAT),
                Nd4j.create(labels, new long[] {source.size(), classes}, DataType.FLOAT));
    }
}
