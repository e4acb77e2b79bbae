package dev.backstop.action.ec2;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The instance isolated, its VPC's quarantine group by name, and the groups each of its network
 * interfaces had, which undo puts back. Version 1 held the interfaces as JSON text.
 */
record IsolateInstanceUndo(String instanceId, String vpcId, String quarantineGroupName,
        Map<String, List<String>> interfaces) implements UndoData {

    static final UndoFormat<IsolateInstanceUndo> FORMAT = UndoFormat.of(IsolateInstanceUndo.class,
            version1 -> new IsolateInstanceUndo(version1.get("instanceId"), version1.get("vpcId"),
                    version1.get("quarantineGroupName"), InstanceInterfaces.groups(version1.get("interfaces"))));

    IsolateInstanceUndo {
        UndoData.require(instanceId, "instanceId");
        UndoData.require(vpcId, "vpcId");
        UndoData.require(quarantineGroupName, "quarantineGroupName");
        if (interfaces == null || interfaces.isEmpty()) {
            throw new IllegalArgumentException("the undo data names no interfaces");
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        interfaces.forEach((eni, groups) -> copy.put(eni, List.copyOf(groups)));
        interfaces = Collections.unmodifiableMap(copy);
    }

    @Override
    public String call() {
        return "ModifyNetworkInterfaceAttribute with each interface's groups";
    }
}
