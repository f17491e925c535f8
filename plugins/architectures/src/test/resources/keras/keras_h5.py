"""What the fixture generators share: Keras' HDF5 layout of a model's weights, as tf.keras 2.x writes it
(model.save puts it under 'model_weights', model.save_weights at the file's root)."""
import numpy as np


def write_weights(group, names, weights, keras_version):
    """Writes the weights of the layers `names` (in order; a layer without weights gets an empty group)."""
    group.attrs["layer_names"] = np.array([n.encode() for n in names])
    group.attrs["backend"] = b"tensorflow"
    group.attrs["keras_version"] = keras_version.encode()
    for name in names:
        g = group.create_group(name)
        ws = weights.get(name, {})
        g.attrs["weight_names"] = np.array([(name + "/" + k).encode() for k in ws], dtype="S")
        for k, v in ws.items():
            g.create_dataset(name + "/" + k, data=v)
