import { ConfigError, loadInfraConfig, parseKafkaBrokers, parseMongodbUri } from './infra-config';

describe(loadInfraConfig.name, () => {
  it('defaults to the local broker and store', () => {
    expect(loadInfraConfig({})).toEqual({
      kafkaBrokers: ['127.0.0.1:9092'],
      mongodbUri: 'mongodb://127.0.0.1:27017/mmt',
    });
  });

  it('reads a broker list and a URI from the environment', () => {
    const config = loadInfraConfig({
      KAFKA_BROKERS: 'kafka:9092, kafka-2:9092',
      MONGODB_URI: 'mongodb://mongo:27017/tracking',
    });
    expect(config.kafkaBrokers).toEqual(['kafka:9092', 'kafka-2:9092']);
    expect(config.mongodbUri).toBe('mongodb://mongo:27017/tracking');
  });
});

describe(parseKafkaBrokers.name, () => {
  it.each(['', ' , ', 'kafka', 'kafka:port', 'kafka:70000', 'http://kafka:9092'])('rejects %j', (value) => {
    expect(() => parseKafkaBrokers(value)).toThrow(ConfigError);
  });
});

describe(parseMongodbUri.name, () => {
  it.each(['', 'localhost:27017', 'mongodb://localhost:27017', 'mongodb://localhost:27017/', 'postgres://x/db'])(
    'rejects %j and says what a good one looks like',
    (value) => {
      expect(() => parseMongodbUri(value)).toThrow(/MONGODB_URI: .* must be mongodb:\/\/host:port\/<database>/);
    },
  );

  it('accepts options after the database name', () => {
    expect(parseMongodbUri('mongodb://a:27017/db?directConnection=true')).toBe(
      'mongodb://a:27017/db?directConnection=true',
    );
  });
});
