package deepsvddlab.experiment;

import deepsvddlab.data.DatasetId;
import deepsvddlab.svdd.DeepSvddConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Immutable description of one one-class experiment: which data set and normal class, how much
 * pollution, which preprocessing, which detector configuration, and the seed of the split. Its
 * {@link #runName()} names the run folder, so a sweep recognises finished runs.
 *
 * @param dataset data set id
 * @param normalClass the class that is normal
 * @param pollution fraction of anomalies mixed into the training set, in [0, 1)
 * @param preprocessing "gcn-l1-minmax" (Ruff et al. 2018) or "scale255"
 * @param trainLimit at most this many training images (0 = all; quick mode)
 * @param testLimit at most this many test images, stratified (0 = all; quick mode)
 * @param model the Deep SVDD / DSPSVDD configuration; its seed also seeds the split
 */
public record ExperimentConfig(
        DatasetId dataset, int normalClass, double pollution, String preprocessing, int trainLimit, int testLimit,
        DeepSvddConfig model) {

    public ExperimentConfig {
        if (dataset == null || model == null) {
            throw new IllegalArgumentException("dataset and model must be set");
        }
        if (!(pollution >= 0 && pollution < 1)) {
            throw new IllegalArgumentException("pollution must be in [0, 1), found " + pollution + "; 0 means clean training data");
        }
        if (!preprocessing.equals("gcn-l1-minmax") && !preprocessing.equals("scale255")) {
            throw new IllegalArgumentException(
                    "preprocessing must be gcn-l1-minmax or scale255, found '" + preprocessing + "'");
        }
    }

    /** The folder name of this run, e.g. {@code fashion-mnist_c0_deep_svdd-one_class_p0.00_s0}. */
    public String runName() {
        String method = model.method().name().toLowerCase(Locale.ROOT) + "-" + model.objective().name().toLowerCase(Locale.ROOT);
        if (model.method() == DeepSvddConfig.Method.DSPSVDD) {
            method += String.format(Locale.ROOT, "-mu%s_%s", trim(model.mu1()), trim(model.mu2()));
        }
        String limits = trainLimit > 0 || testLimit > 0 ? "_n" + trainLimit + "-" + testLimit : "";
        return String.format(Locale.ROOT, "%s_c%d_%s_p%.2f_e%d-%d%s_s%d", dataset.id(), normalClass, method, pollution,
                model.pretrain() == null ? 0 : model.pretrain().epochs(), model.train().epochs(), limits, model.seed());
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Every field, for the run's JSON record. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", dataset.id());
        m.put("normalClass", normalClass);
        m.put("pollution", pollution);
        m.put("preprocessing", preprocessing);
        m.put("trainLimit", trainLimit);
        m.put("testLimit", testLimit);
        m.put("model", model.toMap());
        return m;
    }
}
