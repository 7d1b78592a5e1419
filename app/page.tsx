import { redirect } from 'next/navigation';
import { LANDING } from '@/lib/domain/access';
import { getActor } from '@/lib/server/guard';

export default async function Home() {
  const actor = await getActor();
  redirect(actor ? LANDING[actor.role] : '/signin');
}
