package org.rapaio.jupyter.kernel.display;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test double of rapaio's DisplayData (protected constructor, putData, setDisplayId as in 3.0.1). */
public class DisplayData {
    protected final Map<String, Object> data = new LinkedHashMap<>();
    protected final Map<String, Object> transientData = new LinkedHashMap<>();

    protected DisplayData() {}

    public Map<String, Object> data() {
        return data;
    }

    public void putData(String mime, Object value) {
        data.put(mime, value);
    }

    public void setDisplayId(String id) {
        transientData.put("display_id", id);
    }

    public boolean hasDisplayId() {
        return transientData.containsKey("display_id");
    }

    public String getDisplayId() {
        return (String) transientData.get("display_id");
    }
}
