/**
 * Running one trial: data batching with augmentation off the training thread, the network built
 * from the architecture plugin, the epoch loop with validation, recording and callbacks, test
 * evaluation, and the saved model.
 */
package org.cnnworkbench.engine.run;
