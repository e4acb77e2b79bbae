package dev.backstop.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.engine.AlarmEngine;

/** What an alarm handler needs from an object graph: the alarm engine and JSON. */
public interface AlarmEngineComponent {

    AlarmEngine alarms();

    ObjectMapper json();
}
