/** Bias-free encoder and autoencoder networks for Deep SVDD, built with DJL blocks. */
package deepsvddlab.nn;
