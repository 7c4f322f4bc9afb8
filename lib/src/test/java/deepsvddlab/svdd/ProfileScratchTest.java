package deepsvddlab.svdd;

import ai.djl.Model;
import ai.djl.ndarray.*;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.*;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.nn.Networks;
import org.junit.jupiter.api.Test;

class ProfileScratchTest {
    @Test
    void profile() {
        NetworkSpec net = NetworkSpec.MNIST_LENET;
        try (NDManager m = NDManager.newBaseManager();
             Model model = Networks.newModel("ae", net.autoencoder(), net, 0)) {
            NDArray x = m.randomUniform(0, 1, net.inputShape(6000));
            Trainer tr = new Trainer(model, new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(Optimizer.adam().optWeightDecays(5e-4f).build()));
            tr.initialize(net.inputShape(200));
            ParameterStore ps = new ParameterStore(m, false);
            for (int rep = 0; rep < 3; rep++) {
                long fwd = 0, fwdbwd = 0, step = 0, nograd = 0;
                for (int s = 0; s < 6000; s += 200) {
                    try (NDManager b = m.newSubManager()) {
                        NDArray xb = x.get(b, new NDIndex("{}:{}", s, s + 200));
                        long t0 = System.nanoTime();
                        model.getBlock().forward(ps, new NDList(xb), false);
                        long t1 = System.nanoTime();
                        try (GradientCollector gc = tr.newGradientCollector()) {
                            NDList out = tr.forward(new NDList(xb));
                            NDArray l = out.get(0).sub(xb).square().reshape(200, -1).sum(new int[]{1}).mean();
                            long t2 = System.nanoTime();
                            fwd += t2 - t1;
                            gc.backward(l);
                        }
                        long t3 = System.nanoTime();
                        tr.step();
                        long t4 = System.nanoTime();
                        nograd += t1 - t0; fwdbwd += t3 - t1; step += t4 - t3;
                    }
                }
                System.out.printf("PROFILE eval-fwd %.3f train-fwd %.3f fwd+bwd %.3f step %.3f%n", nograd/1e9, fwd/1e9, fwdbwd/1e9, step/1e9);
            }
        }
    }
}
