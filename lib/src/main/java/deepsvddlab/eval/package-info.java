/** Evaluation of anomaly scores: ROC/PR metrics matching scikit-learn, thresholds and the one quantile function. */
package deepsvddlab.eval;
