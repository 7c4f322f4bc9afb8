package deepsvddlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DevicesTest {
    @Test
    void aDeviceIsCpuOrAGpuTheEngineReports() {
        assertEquals(Device.cpu(), Devices.parse("cpu", 0));
        assertEquals(Device.cpu(), Devices.parse(" CPU ", 2));
        assertEquals(Device.gpu(0), Devices.parse("gpu", 1));
        assertEquals(Device.gpu(1), Devices.parse("gpu:1", 2));
        String none = assertThrows(IllegalArgumentException.class, () -> Devices.parse("gpu", 0))
                .getMessage();
        assertTrue(none.contains("the device gpu needs a GPU the PyTorch engine reports, found none"), none);
        assertTrue(none.contains("pytorch-native-cpu") && none.contains("README") && none.endsWith("or use cpu"), none);
        String two = assertThrows(IllegalArgumentException.class, () -> Devices.parse("gpu:2", 2))
                .getMessage();
        assertTrue(two.contains("found 2 (gpu:0 to gpu:1)"), two);
        for (String bad : new String[] {"tpu", "gpu:x", "gpu:-1", "", null}) {
            String m = assertThrows(IllegalArgumentException.class, () -> Devices.parse(bad, 4))
                    .getMessage();
            assertTrue(m.startsWith("the device must be cpu, gpu or gpu:N, found '" + bad + "'"), m);
        }
    }

    @Test
    void thisBuildRunsOnTheCpuAndSaysSo() {
        // the jar carries libtorch's CPU build: it reports no GPU, so gpu is refused and cpu stays
        assertEquals(0, Engines.pytorch().getGpuCount());
        assertThrows(IllegalArgumentException.class, () -> Devices.use("gpu"));
        Devices.use("cpu");
        assertEquals("cpu", Devices.name());
        assertTrue(Engines.describe().contains(" on cpu, "), Engines.describe());
        assertEquals(
                Device.cpu(),
                Networks.newModel("m", NetworkSpec.MNIST_LENET.encoder(), NetworkSpec.MNIST_LENET, 0)
                        .getNDManager()
                        .getDevice());
    }
}
