/** Deep SVDD (one-class and soft-boundary), its autoencoder pretraining, the center c, and joint DSPSVDD training. */
package deepsvddlab.svdd;
