/**
 * Built-in architectures: every network of the course materials (the architectures table of
 * docs/experiments.md, one factory each), built with Keras' layer hyperparameters as
 * defaults and Keras' parameter counts; {@code keras-json}, a Sequential model (a layer stack) or a
 * functional model (a layer graph, {@link org.cnnworkbench.plugins.architectures.KerasGraph}) from a
 * Keras {@code model.to_json()} file (and its {@code .h5} weights) through DL4J's Keras import; and
 * {@code from-run}, transfer learning from an earlier run's saved model, a stack or a graph
 * ({@link org.cnnworkbench.plugins.architectures.FromRunGraph}). The graph architectures
 * ({@code resnet}, Keras' cifar10_resnet example; {@code resnet50}, {@code vgg16} and
 * {@code mobilenet-v2} as keras.applications, with their layer names) are built with
 * {@link org.cnnworkbench.plugins.architectures.LayerGraph}; the applications share their top or
 * head ({@code include_top}, {@code pooling}, {@code head_*}) through
 * {@link org.cnnworkbench.plugins.architectures.KerasApplication}, and so do their transfer-learning
 * parameters: {@code weights} (ImageNet's files through
 * {@link org.cnnworkbench.plugins.architectures.PretrainedWeights}, found in or fetched once into
 * the context's models folder; any Keras {@code .h5} of the base through
 * {@link org.cnnworkbench.plugins.architectures.ApplicationWeights}), {@code preprocess} (Keras'
 * {@code preprocess_input} as the graph's first vertices) and {@code freeze} (DL4J frozen layers
 * and vertices), which {@code from-run} of such a run unfreezes and freezes anew.
 *
 * <p>Layers are NCHW (images) or NCW (sequences, for Conv1D) and named as Keras names them
 * ({@code conv2d}, {@code conv2d_1}, {@code dense}, ...), so a model summary reads like the
 * notebook's. {@link org.cnnworkbench.plugins.architectures.KerasArchitecture} is the base of the
 * factories built from Keras layers (their declaration, the stack each build starts from);
 * {@link org.cnnworkbench.plugins.architectures.Knobs} declares the parameters they share (filters,
 * kernel, pool, units, dropout, activation), each factory only its defaults and its words;
 * {@link org.cnnworkbench.plugins.architectures.LayerStack} holds what the factories share (Keras' padding, dropout rate, batch-normalisation defaults, the softmax or binary head, the
 * smallest input a stack takes), {@link org.cnnworkbench.plugins.architectures.WeightPenalty} the
 * {@code l1}/{@code l2} parameters; {@link org.cnnworkbench.plugins.architectures.KerasModelFile}
 * vets a Keras file before DL4J reads it (no {@code Lambda}, no custom class) and
 * {@link org.cnnworkbench.plugins.architectures.KerasWeights} brings its weights;
 * {@link org.cnnworkbench.plugins.architectures.SavedInput} checks a run's model against a dataset.
 * The package uses the plugin API ({@code org.cnnworkbench.api}), PF4J and DL4J/ND4J (with its
 * Keras import), nothing else of the workbench.
 */
package org.cnnworkbench.plugins.architectures;
