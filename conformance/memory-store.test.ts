import { InMemoryTaskStore } from '../src/tasks/memory-store.ts'
import { describeTaskStoreConformance } from './store-suite.ts'

describeTaskStoreConformance('InMemoryTaskStore', (options) => new InMemoryTaskStore(options))
