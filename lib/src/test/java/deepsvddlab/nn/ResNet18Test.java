package deepsvddlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** The ResNet-18-type encoder: shapes, the parameter count of He et al.'s layers, bias-free, no affine BatchNorm. */
class ResNet18Test {
    @Test
    void shapesAndParameterCountsAreResNet18s() {
        NetworkSpec net = NetworkSpec.RESNET18;
        assertEquals(net, NetworkSpec.parse("RESNET18"));
        try (Model ae = Networks.newModel("ae", net.autoencoder(), net, 0);
                NDManager m = NDManager.newBaseManager()) {
            NDList out = ae.getBlock()
                    .forward(new ParameterStore(m, false), new NDList(m.randomUniform(0, 1, net.inputShape(2))), false);
            assertEquals(new Shape(2, 3, 32, 32), out.get(0).getShape());
            assertEquals(new Shape(2, 128), out.get(1).getShape());
            AutoencoderBlock block = (AutoencoderBlock) ae.getBlock();
            long stem = 3 * 64 * 9;
            long stage1 = 2 * 2 * (64 * 64 * 9);
            long stage2 = (64 * 128 * 9 + 128 * 128 * 9 + 64 * 128) + 2 * (128 * 128 * 9);
            long stage3 = (128 * 256 * 9 + 256 * 256 * 9 + 128 * 256) + 2 * (256 * 256 * 9);
            long stage4 = (256L * 512 * 9 + 512 * 512 * 9 + 256 * 512) + 2L * (512 * 512 * 9);
            assertEquals(
                    stem + stage1 + stage2 + stage3 + stage4 + 512 * 128,
                    Networks.countParameters(block.encoder(), true));
            assertEquals(11_224_768L, Networks.countParameters(block.encoder(), true));
            for (var p : block.getParameters()) {
                String k = p.getKey();
                boolean affine = k.endsWith("gamma") || k.endsWith("beta");
                assertTrue(
                        !k.contains("bias") && (!affine || !p.getValue().requiresGradient()), k + " would be a bias");
            }
        }
    }

    @Test
    void theSchedulesNotGivenRunAtTheNetworksTrainingBatch() {
        assertEquals(64, NetworkSpec.RESNET18.trainingBatch(), "under 2 GB (bench/README)");
        for (NetworkSpec net : new NetworkSpec[] {NetworkSpec.MNIST_LENET, NetworkSpec.CIFAR_LENET}) {
            assertEquals(200, net.trainingBatch(), "the reference's batch for " + net.name());
        }
        for (NetworkSpec net : new NetworkSpec[] {NetworkSpec.RESNET18, NetworkSpec.CIFAR_LENET}) {
            var svdd = deepsvddlab.svdd.DeepSvddConfig.builder(net).build();
            assertEquals(net.trainingBatch(), svdd.pretrain().batchSize());
            assertEquals(net.trainingBatch(), svdd.train().batchSize());
            var ocnn = deepsvddlab.ocnn.OcnnConfig.builder().network(net).build();
            assertEquals(net.trainingBatch(), ocnn.pretrain().batchSize());
            assertEquals(net.trainingBatch(), ocnn.train().batchSize());
            assertEquals(
                    net.trainingBatch(),
                    deepsvddlab.svdd.AutoencoderDetector.of(net, 0).schedule().batchSize());
        }
        var given = deepsvddlab.train.OptimConfig.referenceSvdd().withBatchSize(16);
        var ocnn = deepsvddlab.ocnn.OcnnConfig.builder()
                .train(given)
                .network(NetworkSpec.RESNET18)
                .build();
        assertEquals(16, ocnn.train().batchSize(), "a schedule given explicitly keeps its batch");
        assertEquals(64, ocnn.pretrain().batchSize());
    }
}
