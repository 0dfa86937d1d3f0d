package org.yidan.settlement.hl7;

/**
 * One problem with an inbound message, as it goes back in an ERR segment.
 *
 * @param code         HL7 table 0357 error code (100, 101, 102, 103, 200, 203, 207)
 * @param segment      segment id, e.g. FT1 ("" when the problem has no place)
 * @param sequence     which occurrence of that segment, 1-based (0: unknown)
 * @param field        field position (0: the whole segment)
 * @param repetition   field repetition, 1-based (0: not given)
 * @param component    component, 1-based (0: the whole field)
 * @param subcomponent subcomponent, 1-based (0: the whole component)
 * @param text         what is wrong and where, for people, e.g. "FT1[2]-10 quantity (cnt) 'abc' is not a number"
 */
public record Hl7Error(int code, String segment, int sequence, int field, int repetition, int component,
                       int subcomponent, String text) {

    public static final int SEGMENT_SEQUENCE_ERROR = 100;
    public static final int REQUIRED_FIELD_MISSING = 101;
    public static final int DATA_TYPE_ERROR = 102;
    public static final int TABLE_VALUE_NOT_FOUND = 103;
    public static final int UNSUPPORTED_MESSAGE_TYPE = 200;
    public static final int UNSUPPORTED_EVENT_CODE = 201;
    public static final int UNSUPPORTED_PROCESSING_ID = 202;
    public static final int UNSUPPORTED_VERSION_ID = 203;
    public static final int UNKNOWN_KEY_IDENTIFIER = 204;
    public static final int DUPLICATE_KEY_IDENTIFIER = 205;
    public static final int APPLICATION_RECORD_LOCKED = 206;
    public static final int APPLICATION_INTERNAL_ERROR = 207;

    /** A problem found outside the message's structure (e.g. the settlement refused it): code 207, no location. */
    public static Hl7Error application(String text) {
        return new Hl7Error(APPLICATION_INTERNAL_ERROR, "", 0, 0, 0, 0, 0, text);
    }

    /** The code's name in Chinese, for people (the message browser): table 0357. */
    public static String codeTextZh(int code) {
        return switch (code) {
            case 0 -> "报文已接受";
            case SEGMENT_SEQUENCE_ERROR -> "段顺序错误";
            case REQUIRED_FIELD_MISSING -> "必填字段缺失";
            case DATA_TYPE_ERROR -> "数据类型错误";
            case TABLE_VALUE_NOT_FOUND -> "代码表中无此值";
            case UNSUPPORTED_MESSAGE_TYPE -> "不支持的消息类型";
            case UNSUPPORTED_EVENT_CODE -> "不支持的事件代码";
            case UNSUPPORTED_PROCESSING_ID -> "不支持的处理标识";
            case UNSUPPORTED_VERSION_ID -> "不支持的版本";
            case UNKNOWN_KEY_IDENTIFIER -> "未知的关键标识";
            case DUPLICATE_KEY_IDENTIFIER -> "重复的关键标识";
            case APPLICATION_RECORD_LOCKED -> "应用记录被锁定";
            default -> "应用内部错误";
        };
    }

    /** The standard's name for the code (table 0357), sent in ERR-3.2. */
    public static String codeText(int code) {
        return switch (code) {
            case 0 -> "Message accepted";
            case SEGMENT_SEQUENCE_ERROR -> "Segment sequence error";
            case REQUIRED_FIELD_MISSING -> "Required field missing";
            case DATA_TYPE_ERROR -> "Data type error";
            case TABLE_VALUE_NOT_FOUND -> "Table value not found";
            case UNSUPPORTED_MESSAGE_TYPE -> "Unsupported message type";
            case UNSUPPORTED_EVENT_CODE -> "Unsupported event code";
            case UNSUPPORTED_PROCESSING_ID -> "Unsupported processing id";
            case UNSUPPORTED_VERSION_ID -> "Unsupported version id";
            case UNKNOWN_KEY_IDENTIFIER -> "Unknown key identifier";
            case DUPLICATE_KEY_IDENTIFIER -> "Duplicate key identifier";
            case APPLICATION_RECORD_LOCKED -> "Application record locked";
            default -> "Application internal error";
        };
    }

    /** The location in the notation of the error texts, e.g. {@code FT1[2]-10}, {@code PID[1]-3(2)-1}; "" if none. */
    public String location() {
        if (segment.isEmpty()) return "";
        StringBuilder sb = new StringBuilder(segment);
        if (sequence > 0) sb.append('[').append(sequence).append(']');
        if (field > 0) {
            sb.append('-').append(field);
            if (repetition > 1) sb.append('(').append(repetition).append(')');
            if (component > 0) {
                sb.append('-').append(component);
                if (subcomponent > 0) sb.append('-').append(subcomponent);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return code + " " + codeText(code) + (segment.isEmpty() ? "" : " at " + location()) + ": " + text;
    }
}
