/** Our additions to LIBSVM's package {@code libsvm} (a split package): one-class training with LIBSVM's package-private solver on dense rows. */
package libsvm;
