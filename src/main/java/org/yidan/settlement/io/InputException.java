package org.yidan.settlement.io;

import java.util.List;

/** Input that cannot be read: every problem found, each naming the source and the field. */
public class InputException extends RuntimeException {
    private final List<String> problems;

    public InputException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
