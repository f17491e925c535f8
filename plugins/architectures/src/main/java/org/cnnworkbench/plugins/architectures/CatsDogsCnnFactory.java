package org.cnnworkbench.plugins.architectures;

import static org.cnnworkbench.plugins.architectures.Knobs.*;

import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.plugins.architectures.LayerStack.Padding;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.pf4j.Extension;

/**
 * The cats-vs-dogs network of "Deep Learning with Python": Conv(32, 3) → MaxPool(2) → Conv(64, 3)
 * → MaxPool(2) → Conv(128, 3) → MaxPool(2) → Conv(256, 3) → MaxPool(2) → Conv(256, 3) →
 * [Drop(0.5)] → Flatten → Dense(1, sigmoid) with binary cross-entropy; valid relu convolutions.
 * {@code filters} sets the first convolution, each later one doubles it up to 8×. The course's
 * dropout variant sets {@code dropout: 0.5}, its regularised one {@code l1}/{@code l2} too.
 *
 * <p>The head is one sigmoid unit when the dataset has two classes (labels are one 0/1 column).
 * With more than two classes, the head is instead {@code classCount()} softmax units with
 * cross-entropy, so the same network serves a multi-class folder.
 *
 * <p>On 180×180×3 with two classes it has 991,041 parameters, as Keras reports: 896 + 18,496 +
 * 73,856 + 295,168 + 590,080 (180 → 178 → 89 → 87 → 43 → 41 → 20 → 18 → 9 → 7) + 7·7·256 + 1 =
 * 12,545. It takes images of at least 78×78.
 */
@Extension
public class CatsDogsCnnFactory extends KerasArchitecture {

    public CatsDogsCnnFactory() {
        super("catsdogs-cnn",
                "Cats-vs-dogs CNN: five valid 3x3 convolutions with max pooling, one sigmoid unit for two classes",
                filters(32, 512, "the first convolution; the next ones have 2, 4, 8 and 8 times as many"),
                dropout(0, "before the head (the course's variant: 0.5)"),
                activation("relu", "the convolutions"));
    }

    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        int filters = params.getInt(FILTERS);
        return stack(params)
                .conv(filters, 3, Padding.VALID)
                .maxPool(2)
                .conv(2 * filters, 3, Padding.VALID)
                .maxPool(2)
                .conv(4 * filters, 3, Padding.VALID)
                .maxPool(2)
                .conv(8 * filters, 3, Padding.VALID)
                .maxPool(2)
                .conv(8 * filters, 3, Padding.VALID)
                .dropout(params.getDouble(DROPOUT))
                .binaryOrSoftmaxOutput(context);
    }
}
