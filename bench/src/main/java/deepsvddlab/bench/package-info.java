/** Benchmarks that print figures: training speed against eager PyTorch, accuracy against the reference, baselines against scikit-learn. */
package deepsvddlab.bench;
