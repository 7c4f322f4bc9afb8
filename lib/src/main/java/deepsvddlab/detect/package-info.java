/** The detector contract (fit on normals, score: higher = more anomalous) and the classical baselines: Isolation Forest, One-Class SVM, Mahalanobis. */
package deepsvddlab.detect;
