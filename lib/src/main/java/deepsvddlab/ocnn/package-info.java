/** One-Class Neural Networks (Chalapathy, Menon and Chawla 2018): a one-hidden-layer one-class head y(x) = &lt;w, g(V z(x))&gt; on frozen autoencoder features (or the raw input), with its nu-quantile threshold r. */
package deepsvddlab.ocnn;
