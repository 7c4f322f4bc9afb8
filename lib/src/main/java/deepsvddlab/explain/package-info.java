/**
 * Explanations of the anomaly score: Grad-CAM and saliency maps of the score ({@link deepsvddlab.explain.Explain},
 * drawn by {@link deepsvddlab.explain.ExplanationGrid}) and 2-D views of the latent space
 * ({@link deepsvddlab.explain.Pca}, {@link deepsvddlab.explain.Tsne}).
 */
package deepsvddlab.explain;
