package org.cnnworkbench.plugins.architectures;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Small helpers over built configurations. */
final class Networks {

    private Networks() {
    }

    static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    static List<String> layerNames(MultiLayerConfiguration conf) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            names.add(conf.getConf(i).getLayer().getLayerName());
        }
        return names;
    }
}
