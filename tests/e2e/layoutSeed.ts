import { addCard, addTeamMember, addTheme, readTeam, setCardTheme, updateSetup } from '../../shared/model/index.js';
import type { CreateWorkshopResponse } from '../../shared/api.js';
import { createWorkshop, waitFor, type TestServer } from '../helpers/server.js';
import { connect, synced } from '../helpers/provider.js';
import { DUNDEE_CARDS } from './dundeeSeed.js';

export const DUNDEE_FOCUS =
  'To what extent are our approaches to curriculum design and delivery; learning, teaching and assessment; data use; and central support and challenge helping us to achieve improved outcomes for our young people?';

/** The Dundee workshop as a host would have it by the closing session: findings, themes, the core team. */
export async function dundeeWorkshop(server: TestServer): Promise<CreateWorkshopResponse> {
  const w = await createWorkshop(server, { title: 'Improving outcomes in the Senior Phase', hostAuthority: 'Dundee City Council', focusQuestion: DUNDEE_FOCUS });
  const seeder = connect(server.wsUrl, w.id, w.tokens.host);
  await synced(seeder);
  const themes = ['Curriculum design and delivery', 'Learning, teaching and assessment', 'Data use', 'Support and challenge'].map((t) => addTheme(seeder.doc, t));
  DUNDEE_CARDS.forEach((card, i) => {
    const id = addCard(seeder.doc, { ...card, createdBy: 'Seed' });
    setCardTheme(seeder.doc, id, themes[i % themes.length]!);
  });
  addTeamMember(seeder.doc, { organisation: 'Dundee City Council', role: 'Chief Education Officer', name: 'Audrey May (Chief Education Officer)' });
  addTeamMember(seeder.doc, { organisation: 'Association of Directors of Education in Scotland', role: 'Director of Education, Renfrewshire' });
  updateSetup(seeder.doc, { startDate: '2022-11-14', endDate: '2022-11-18' });
  // The seeder goes once another connection sees everything it wrote (the team was written last).
  const checker = connect(server.wsUrl, w.id, w.tokens.host);
  await synced(checker);
  await waitFor(() => readTeam(checker.doc).length === 2, 'the seeded team to reach the server');
  checker.destroy();
  seeder.destroy();
  return w;
}
