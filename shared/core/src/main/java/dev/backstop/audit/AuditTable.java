package dev.backstop.audit;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The audit table's key schema and its index of the hash chains; template.yaml declares the same
 * table for deployments.
 */
public final class AuditTable {

    public static final String KEY = "auditId";
    /** The chain a record belongs to: {@code <account>/<region>} of its event, or {@code unattributed}. */
    public static final String CHAIN = "chain";
    /** The record's place in its chain, from 1. */
    public static final String CHAIN_POSITION = "chainPosition";
    public static final String CHAIN_HASH = "chainHash";
    public static final String PREVIOUS_HASH = "previousHash";
    public static final String PREVIOUS_AUDIT_ID = "previousAuditId";
    public static final String FIELD_DIGESTS = "fieldDigests";
    /** The keys of the chains' own items (their heads, the list of chains) start with this; no record's does. */
    public static final String CHAIN_ITEMS_PREFIX = "chain#";
    /**
     * A record's delivery notes, a string set with one entry per owner channel it was delivered
     * to or failed at; outside the chain's hash, since it is written after the record is chained.
     */
    public static final String DELIVERIES = "deliveries";
    /** The index that lists a chain's records in order: partition {@code chain}, sort {@code chainPosition}. */
    public static final String CHAIN_INDEX = "chain-position";

    private AuditTable() {
    }

    /** The table as the demo and the integration tests create it on an emulator. */
    public static CreateTableRequest createRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(KEY, ScalarAttributeType.S),
                        attribute(CHAIN, ScalarAttributeType.S),
                        attribute(CHAIN_POSITION, ScalarAttributeType.N))
                .keySchema(KeySchemaElement.builder().attributeName(KEY).keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(CHAIN_INDEX)
                        .keySchema(
                                KeySchemaElement.builder().attributeName(CHAIN).keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName(CHAIN_POSITION).keyType(KeyType.RANGE).build())
                        .projection(projection -> projection.projectionType(ProjectionType.ALL))
                        .build())
                .build();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }
}
