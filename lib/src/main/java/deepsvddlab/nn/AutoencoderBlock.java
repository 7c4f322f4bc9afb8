package deepsvddlab.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * An autoencoder x -> z = encoder(x) -> x_hat = decoder(z) whose forward pass returns both
 * {@code (x_hat, z)}, so reconstruction and SVDD terms can be computed from one pass (DSPSVDD).
 * The encoder is the very block that becomes (a copy of) the Deep SVDD network.
 */
public final class AutoencoderBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    private final Block encoder;
    private final Block decoder;

    public AutoencoderBlock(Block encoder, Block decoder) {
        super(VERSION);
        this.encoder = addChildBlock("encoder", encoder);
        this.decoder = addChildBlock("decoder", decoder);
    }

    /** The encoder phi. */
    public Block encoder() {
        return encoder;
    }

    /** The decoder. */
    public Block decoder() {
        return decoder;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList z = encoder.forward(store, inputs, training, params);
        NDList xHat = decoder.forward(store, z, training, params);
        return new NDList(xHat.singletonOrThrow(), z.singletonOrThrow());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] z = encoder.getOutputShapes(inputShapes);
        Shape[] xHat = decoder.getOutputShapes(z);
        return new Shape[] {xHat[0], z[0]};
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
        decoder.initialize(manager, dataType, encoder.getOutputShapes(inputShapes));
    }
}
