package org.oncopredict.efficacy.model;

/**
 * Logistic recalibration logit' = intercept + slope · logit (Platt 1999; Cox 1958). Fitted by Newton's
 * method on held-out outcomes. The same fit on a test split gives the calibration intercept and slope
 * (ideal 0 and 1); on a site's own data it is the site recalibration.
 */
public record Platt(double intercept, double slope) {

    public static final Platt IDENTITY = new Platt(0, 1);

    public double apply(double logit) {
        return intercept + slope * logit;
    }

    /** Maximum-likelihood fit; with fewer than 2 events or non-events the identity is returned. */
    public static Platt fit(double[] logits, boolean[] outcomes) {
        int events = 0;
        for (boolean y : outcomes) {
            events += y ? 1 : 0;
        }
        if (events < 2 || logits.length - events < 2) {
            return IDENTITY;
        }
        double a = 0;
        double b = 1;
        for (int iteration = 0; iteration < 100; iteration++) {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
            for (int i = 0; i < logits.length; i++) {
                double p = 1 / (1 + Math.exp(-(a + b * logits[i])));
                double r = (outcomes[i] ? 1 : 0) - p;
                double w = p * (1 - p);
                ga += r;
                gb += r * logits[i];
                haa += w;
                hab += w * logits[i];
                hbb += w * logits[i] * logits[i];
            }
            double det = haa * hbb - hab * hab;
            if (!(det > 1e-12)) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            // Damped steps keep the fit safe under separation.
            double scale = Math.min(1, 2 / Math.max(Math.abs(da), Math.abs(db)));
            a += scale * da;
            b += scale * db;
            if (Math.abs(da) + Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new Platt(a, b);
    }
}
