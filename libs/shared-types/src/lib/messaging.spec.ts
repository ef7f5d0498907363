import { KafkaTopics, NatsSubjects } from './messaging';

describe('wire names', () => {
  it('are unique, so no two contracts share a subject or topic', () => {
    const subjects = Object.values(NatsSubjects);
    expect(new Set(subjects).size).toBe(subjects.length);
    const topics = Object.values(KafkaTopics);
    expect(new Set(topics).size).toBe(topics.length);
  });

  it('version every Kafka topic so payload changes get a new name', () => {
    for (const topic of Object.values(KafkaTopics)) expect(topic).toMatch(/\.v\d+$/);
  });
});
