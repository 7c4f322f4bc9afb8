/** Data sets as immutable image sets: IDX, CIFAR-10, image-folder and CSV readers, the one-class protocol of Ruff et al. (2018), and its preprocessing. */
package deepsvddlab.data;
