package deepsvddlab.nn;

/** What the colour networks share: 3x32x32 inputs (CIFAR-10's), a 128-dimensional feature space. */
abstract class ColourNet implements NetworkSpec {
    @Override
    public int channels() {
        return 3;
    }

    @Override
    public int height() {
        return 32;
    }

    @Override
    public int width() {
        return 32;
    }

    @Override
    public int repDim() {
        return 128;
    }

    @Override
    public String toString() {
        return name();
    }
}
