package deepsvddlab.train;

import deepsvddlab.nn.Networks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Immutable optimiser schedule of one training phase: Adam with coupled L2 weight decay (as
 * {@code torch.optim.Adam(weight_decay=...)}), mini-batches, and a multi-step learning-rate
 * schedule that multiplies the rate by {@code gamma} at each milestone epoch.
 *
 * <p>Milestones follow the reference implementation's behaviour: it calls
 * {@code scheduler.step()} at the <em>start</em> of each epoch, so with milestone m the rate is
 * already lowered in the epoch with 0-based index m - 1 (one epoch early). We reproduce that; see
 * {@link #learningRate(int)}.
 *
 * @param epochs number of epochs, at least 1
 * @param learningRate initial learning rate, positive
 * @param weightDecay L2 coefficient added to the gradient, at least 0
 * @param milestones epochs (1-based, as in the reference's {@code --lr_milestone}) at which the
 *     rate is multiplied by gamma
 * @param gamma the factor, in (0, 1]
 * @param batchSize mini-batch size, at least 1
 */
public record OptimConfig(
        int epochs, double learningRate, double weightDecay, List<Integer> milestones, double gamma, int batchSize) {

    public OptimConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, found " + epochs + "; use at least one epoch");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException(
                    "learningRate must be a positive number, found " + learningRate + "; the reference uses 1e-4");
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be >= 0, found " + weightDecay
                    + "; the reference uses 0.5e-6 (SVDD) and 0.5e-3 (AE)");
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in (0, 1], found " + gamma + "; the reference uses 0.1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException(
                    "batchSize must be >= 1, found " + batchSize + "; the reference uses 200");
        }
        milestones = List.copyOf(milestones);
        for (int m : milestones) {
            if (m < 1) {
                throw new IllegalArgumentException(
                        "milestones must be >= 1, found " + m + "; give 1-based epoch numbers");
            }
        }
    }

    /** The reference's pretraining schedule: 150 epochs, lr 1e-4, weight decay 0.5e-3, milestone 50, batch 200. */
    public static OptimConfig referencePretraining() {
        return new OptimConfig(150, 1e-4, 0.5e-3, List.of(50), 0.1, Networks.TRAINING_BATCH);
    }

    /** The reference's Deep SVDD schedule: 150 epochs, lr 1e-4, weight decay 0.5e-6, milestone 50, batch 200. */
    public static OptimConfig referenceSvdd() {
        return new OptimConfig(150, 1e-4, 0.5e-6, List.of(50), 0.1, Networks.TRAINING_BATCH);
    }

    /** This schedule with another number of epochs (milestones beyond it are kept and never reached). */
    public OptimConfig withEpochs(int newEpochs) {
        return new OptimConfig(newEpochs, learningRate, weightDecay, milestones, gamma, batchSize);
    }

    /** This schedule with other milestones. */
    public OptimConfig withMilestones(List<Integer> newMilestones) {
        return new OptimConfig(epochs, learningRate, weightDecay, newMilestones, gamma, batchSize);
    }

    /** This schedule with another learning rate. */
    public OptimConfig withLearningRate(double lr) {
        return new OptimConfig(epochs, lr, weightDecay, milestones, gamma, batchSize);
    }

    /** This schedule with another batch size. */
    public OptimConfig withBatchSize(int size) {
        return new OptimConfig(epochs, learningRate, weightDecay, milestones, gamma, size);
    }

    /**
     * The learning rate used in the epoch with 0-based index {@code epoch}: the initial rate times
     * gamma to the number of milestones m with m <= epoch + 1 (the reference's one-epoch-early drop).
     */
    public double learningRate(int epoch) {
        int passed = 0;
        for (int m : milestones) {
            if (m <= epoch + 1) {
                passed++;
            }
        }
        return learningRate * Math.pow(gamma, passed);
    }

    /** A flat map for run records. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", epochs);
        m.put("learningRate", learningRate);
        m.put("weightDecay", weightDecay);
        m.put("milestones", milestones);
        m.put("gamma", gamma);
        m.put("batchSize", batchSize);
        m.put("optimizer", "Adam (coupled L2 weight decay)");
        return m;
    }

    /** Reads {@link #toMap()} back (from a checkpoint's or a run's JSON). */
    public static OptimConfig fromJson(com.google.gson.JsonObject o) {
        List<Integer> milestones = new java.util.ArrayList<>();
        o.getAsJsonArray("milestones").forEach(e -> milestones.add(e.getAsInt()));
        return new OptimConfig(
                o.get("epochs").getAsInt(),
                o.get("learningRate").getAsDouble(),
                o.get("weightDecay").getAsDouble(),
                milestones,
                o.get("gamma").getAsDouble(),
                o.get("batchSize").getAsInt());
    }
}
