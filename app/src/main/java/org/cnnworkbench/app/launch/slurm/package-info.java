/**
 * The Slurm launcher: workers as a job array ({@code sbatch}, {@code squeue}, {@code scancel}), a new array
 * when one ends with work left. May use {@code launch}, {@code home} and {@code text}; never {@code cli}.
 */
package org.cnnworkbench.app.launch.slurm;
