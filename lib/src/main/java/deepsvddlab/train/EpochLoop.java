package deepsvddlab.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import deepsvddlab.nn.ComputeSlots;
import deepsvddlab.nn.Interrupts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * The one mini-batch epoch loop used by every deep model in the lab (autoencoder pretraining,
 * Deep SVDD, DSPSVDD): per epoch a seeded shuffle of the native training array, one
 * {@link NDManager} sub-scope per batch, the loss from a {@link BatchStep} inside a gradient
 * collector, an Adam step, and a report to the {@link ProgressListener}.
 *
 * <p>Guards: a NaN or infinite loss stops training with a {@link TrainingDivergedException} that
 * says where it happened and what to change; a {@code stop} supplier that answers true ends training
 * cleanly after the current epoch (the history says it stopped early); the notebook's stop button,
 * an interrupted thread or the JVM's exit stop it before the next batch with
 * {@link Interrupts.Interrupted} (see {@link Interrupts}).
 */
public final class EpochLoop {
    private EpochLoop() {}

    /** The losses of one batch: {@code total} is minimised; {@code parts} are only reported. */
    public record Losses(NDArray total, Map<String, NDArray> parts) {
        /** Just a total. */
        public static Losses of(NDArray total) {
            return new Losses(total, Map.of());
        }
    }

    /** Computes one batch's losses from the trainer's forward pass; runs inside a gradient collector. */
    @FunctionalInterface
    public interface BatchStep {
        Losses apply(Trainer trainer, NDArray batch, int epoch);
    }

    /** Runs after each epoch (for example to update the radius R); returns extra values to report. */
    @FunctionalInterface
    public interface EpochEnd {
        Map<String, Double> apply(int epoch);

        /** Nothing to do. */
        static EpochEnd none() {
            return e -> Map.of();
        }
    }

    /**
     * Learning rates per parameter: {@code lr(parameterId, epoch)} for the parameter with that
     * {@code Parameter.getId()} in the 0-based epoch; {@code parameterId == null} asks for the rate
     * reported as the epoch's "lr".
     */
    @FunctionalInterface
    public interface Rates {
        double lr(String parameterId, int epoch);
    }

    /**
     * Trains {@code model}'s (already initialised) block on {@code data} (N, ...) for
     * {@code config.epochs()} epochs.
     *
     * @param phase name used in reports and history ("pretrain", "svdd", ...)
     * @param seed seeds the shuffling
     * @return the history of this phase (possibly stopped early)
     */
    public static History run(
            String phase,
            Model model,
            NDArray data,
            OptimConfig config,
            long seed,
            BatchStep step,
            EpochEnd end,
            ProgressListener listener,
            BooleanSupplier stop) {
        return run(
                phase, model, data, config, (id, epoch) -> config.learningRate(epoch), seed, step, end, listener, stop);
    }

    /**
     * As {@link #run(String, Model, NDArray, OptimConfig, long, BatchStep, EpochEnd, ProgressListener,
     * BooleanSupplier)}, with the learning rate of each parameter from {@code rates} instead of
     * {@code config}'s schedule (for example a smaller rate for a pretrained encoder).
     */
    public static History run(
            String phase,
            Model model,
            NDArray data,
            OptimConfig config,
            Rates rates,
            long seed,
            BatchStep step,
            EpochEnd end,
            ProgressListener listener,
            BooleanSupplier stop) {
        if (model == null || data == null || config == null || step == null) {
            throw new IllegalArgumentException("model, data, config and step must be set, found model=" + model
                    + ", data=" + (data == null ? null : data.getShape()) + ", config=" + config + ", step=" + step);
        }
        ProgressListener progress = ProgressListener.orNone(listener);
        BooleanSupplier stopped = stop == null ? () -> false : stop;
        EpochEnd after = end == null ? EpochEnd.none() : end;
        int[] epochBox = {0};
        ParameterTracker schedule = (parameterId, numUpdate) -> (float) rates.lr(parameterId, epochBox[0]);
        Optimizer adam = Optimizer.adam()
                .optLearningRateTracker(schedule)
                .optWeightDecays((float) config.weightDecay())
                .build();
        // The Loss here is unused (we compute losses ourselves) but DJL's config requires one.
        DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam);
        long n = data.getShape().get(0);
        int batchSize = config.batchSize();
        History history = new History();
        SplittableRandom rng = new SplittableRandom(seed);
        long t0 = System.nanoTime();
        long mark = Interrupts.mark();
        long batches = (n + batchSize - 1) / batchSize;
        try (Interrupts.Work work = Interrupts.begin();
                Trainer trainer = new Trainer(model, tc)) {
            // Registers the already initialised parameters with the trainer's parameter store.
            trainer.initialize(withBatch(data, batchSize));
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                if (stopped.getAsBoolean()) {
                    history.markStopped();
                    break;
                }
                epochBox[0] = epoch;
                long e0 = System.nanoTime();
                Map<String, Double> sums = new LinkedHashMap<>();
                // one compute slot for the whole epoch (and its EpochEnd): see ComputeSlots
                try (ComputeSlots.Lease slot = ComputeSlots.acquire();
                        NDManager epochScope = data.getManager().newSubManager()) {
                    NDArray shuffled = data.get(epochScope, new NDIndex("{}", epochScope.create(permutation(rng, n))));
                    int batchIndex = 0;
                    for (long start = 0; start < n; start += batchSize, batchIndex++) {
                        long stopAt = Math.min(n, start + batchSize);
                        int e = epoch, b = batchIndex;
                        Interrupts.check(
                                mark,
                                () -> "in phase '" + phase + "' at epoch " + (e + 1) + " of " + config.epochs()
                                        + ", before batch " + (b + 1) + " of " + batches);
                        try (NDManager batchScope = epochScope.newSubManager()) {
                            NDArray batch = shuffled.get(batchScope, new NDIndex("{}:{}", start, stopAt));
                            Losses losses;
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                losses = step.apply(trainer, batch, epoch);
                                gc.backward(losses.total());
                            }
                            double total = losses.total().getFloat();
                            if (!Double.isFinite(total)) {
                                throw new TrainingDivergedException(
                                        "loss must be finite, found " + total + " in phase '" + phase + "' at epoch "
                                                + (epoch + 1) + ", batch " + (batchIndex + 1)
                                                + "; lower the learning rate (now " + rates.lr(null, epoch)
                                                + ") or check the inputs for NaN/inf (preprocessing of constant images)",
                                        history);
                            }
                            trainer.step();
                            double w = (stopAt - start) / (double) n;
                            sums.merge("loss", total * w, Double::sum);
                            for (Map.Entry<String, NDArray> part :
                                    losses.parts().entrySet()) {
                                sums.merge(part.getKey(), part.getValue().getFloat() * w, Double::sum);
                            }
                        }
                    }
                }
                Map<String, Double> metrics = new LinkedHashMap<>(sums);
                metrics.putAll(after.apply(epoch));
                metrics.put("lr", rates.lr(null, epoch));
                double seconds = (System.nanoTime() - e0) / 1e9;
                double elapsed = (System.nanoTime() - t0) / 1e9;
                double eta = elapsed / (epoch + 1) * (config.epochs() - epoch - 1);
                EpochRecord record = new EpochRecord(phase, epoch + 1, config.epochs(), metrics, seconds, eta);
                history.add(record);
                progress.onEpoch(record);
            }
        } finally {
            progress.onDone(phase);
        }
        return history;
    }

    private static ai.djl.ndarray.types.Shape withBatch(NDArray data, int batchSize) {
        long[] dims = data.getShape().getShape().clone();
        dims[0] = Math.min(batchSize, dims[0]);
        return new ai.djl.ndarray.types.Shape(dims);
    }

    /** A seeded Fisher-Yates permutation of 0..n-1. */
    static long[] permutation(SplittableRandom rng, long n) {
        long[] p = new long[(int) n];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        for (int i = p.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            long t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
